"""Kết luận và kết quả thực hiện (issue 14): each issued conclusion notice published on its issue date, its text
with every petitioner redacted, and the progress of each unsettled matter as agencies answer; page, PDF and API.
"""

import pytest
from django.urls import reverse

from dialogues import lifecycle
from dialogues.tests.factories import make_dialogue
from documents import render
from documents.issuing import issue
from documents.kinds import Kind
from jobs.models import Job
from portal import conclusions, jobs

from .conclusion_helpers import DUE, ISSUED, NAME, SECRETS, D, answer, concluded, user
from .public_helpers import announced

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(demo, monkeypatch):
    return concluded(monkeypatch)


def test_a_conclusion_notice_is_published_on_its_issue_date(client, notice):
    """003 Điều 10.1: the notice is issued; the portal publishes it the same day, with no extra step."""
    dialogue, _opinions = notice
    found = conclusions.published().get()
    assert found == dialogue and found.published_on == ISSUED
    page = client.get(reverse("portal:conclusions")).content.decode()
    assert dialogue.title in page and "19/03/2027" in page


def test_dialogues_without_a_notice_are_not_published(client, demo):
    announced(title="Hội nghị chưa kết luận")
    assert not conclusions.published().exists()
    assert "Hội nghị chưa kết luận" not in client.get(reverse("portal:conclusions")).content.decode()


def test_the_numbered_form_9_alone_also_publishes_with_its_number(client, notice, monkeypatch):
    dialogue, _opinions = notice
    document = issue(Kind.CONCLUSION, user("vanphong"), dialogue)
    found = conclusions.published().get()
    assert found.symbol == document.symbol and found.published_on == ISSUED  # the notice's date, not today's
    assert document.symbol in client.get(reverse("portal:conclusion", args=[dialogue.pk])).content.decode()


def test_the_public_text_redacts_every_petitioner(client, notice):
    """Luật 91/2025/QH15: a matter typed with the petitioner's name and phone reads "Ông/Bà K.V.Q." and "…"."""
    dialogue, _opinions = notice
    html = client.get(reverse("portal:conclusion", args=[dialogue.pk])).content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert "Ông/Bà K.V.Q." in html and "đề nghị lắp đèn ngõ Hoa Gạo" in html
    assert "THÔNG BÁO" in html and "Trường mầm non thiếu chỗ" in html


def test_progress_shows_agency_deadline_and_moves_as_the_agency_answers(client, notice, monkeypatch):
    dialogue, opinions = notice
    url = reverse("portal:conclusion", args=[dialogue.pk])
    assert conclusions.totals(dialogue) == {"unsettled": 2, "answered": 0, "answered_late": 0, "overdue": 0}
    html = client.get(url).content.decode()
    assert "Phòng Kinh tế, Hạ tầng và Đô thị phường Hồng An" in html and DUE.strftime("%d/%m/%Y") in html
    assert "Đường ngõ 12 Lê Lợi xuống cấp" not in html.split('id="progress"')[1], "the settled matter is not listed"
    answer(opinions[1], monkeypatch, D(2027, 4, 12))  # after 09/04/2027
    assert conclusions.totals(dialogue, D(2027, 4, 12)) == {"unsettled": 2, "answered": 1, "answered_late": 1, "overdue": 0}
    html = client.get(url).content.decode()
    assert "Đã trả lời 12/04/2027" in html and "sau thời hạn" in html


def test_an_unanswered_matter_past_its_deadline_is_late(notice, monkeypatch):
    dialogue, opinions = notice
    case = opinions[1].case
    case.refresh_from_db()
    assert conclusions.totals(dialogue, D(2027, 4, 12))["overdue"] == 1
    row = conclusions.progress_row(conclusions.pending(dialogue).get(pk=case.pk), conclusions.Redactor(dialogue), D(2027, 4, 12))
    assert row.late and not row.answered and row.agency.startswith("Phòng Kinh tế")


def test_list_filters_by_unit_and_pages_in_sql(client, notice, django_assert_max_num_queries):
    dialogue, _opinions = notice
    assert dialogue.title in client.get(reverse("portal:conclusions"), {"xa": "31-HONGAN"}).content.decode()
    tan_ky = make_dialogue("31-TANKY", date=D(2027, 6, 16), title="Đối thoại Tân Kỳ", user=user("quantri"))
    lifecycle.announce(tan_ky, user("quantri"), D(2027, 3, 31))  # public, but no notice yet
    other = client.get(reverse("portal:conclusions"), {"xa": "31-TANKY"}).content.decode()
    assert dialogue.title not in other and "Chưa có thông báo kết luận nào được công bố." in other
    with django_assert_max_num_queries(12):
        assert client.get(reverse("portal:conclusions"), {"trang": 1}).status_code == 200


def test_api_lists_and_details_conclusions_in_the_schema(client, notice, monkeypatch):
    dialogue, opinions = notice
    data = client.get("/api/v1/public/conclusions", {"unit": "31"}).json()
    assert data["count"] == 1 and data["items"][0]["published_on"] == "2027-03-19"
    detail = client.get(f"/api/v1/public/conclusions/{dialogue.pk}").json()
    assert detail["totals"]["unsettled"] == 2 and detail["progress_count"] == 2
    assert [row["answered"] for row in detail["progress"]] == [False, False]
    text = str(detail)
    for secret in SECRETS:
        assert secret not in text
    assert client.get("/api/v1/public/conclusions/999999").status_code == 404
    assert client.get("/api/v1/public/conclusions", {"unit": "KHONG-CO"}).status_code == 400
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/public/conclusions" in paths and "/api/v1/public/conclusions/{dialogue_id}" in paths


def test_the_public_docx_names_no_petitioner(notice):
    dialogue, _opinions = notice
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(jobs.public_docx(dialogue))).paragraphs)
    tables = "\n".join(c.text for t in Document(io.BytesIO(jobs.public_docx(dialogue))).tables for r in t.rows for c in r.cells)
    assert "Ông/Bà K.V.Q." in tables and "THÔNG BÁO" in text
    for secret in SECRETS:
        assert secret not in text + tables


def test_pdf_is_made_once_on_request_then_served(client, notice, monkeypatch):
    dialogue, _opinions = notice
    made = []
    monkeypatch.setattr(render, "to_pdf", lambda docx: made.append(docx) or b"%PDF-1.4 cong khai\n%%EOF\n")
    url = reverse("portal:conclusion_pdf", args=[dialogue.pk])
    page = client.get(url)
    assert page.status_code == 200 and "make-pdf" in page.content.decode() and not Job.objects.exists()  # no write on GET
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # the same text: the same job, not a second conversion
    assert len(made) == 1 and Job.objects.count() == 1
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf" and b"".join(response.streaming_content).startswith(b"%PDF")


def test_pdf_failure_is_said_plainly(client, notice, monkeypatch):
    dialogue, _opinions = notice

    def broken(docx):
        raise render.RenderError("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; tải bản DOCX để in.")

    monkeypatch.setattr(render, "to_pdf", broken)
    url = reverse("portal:conclusion_pdf", args=[dialogue.pk])
    client.post(url)
    assert "chưa cài LibreOffice" in client.get(url).content.decode()


def test_a_dialogue_page_links_to_its_conclusion(client, notice):
    dialogue, _opinions = notice
    html = client.get(reverse("portal:dialogue", args=[dialogue.pk])).content.decode()
    assert reverse("portal:conclusion", args=[dialogue.pk]) in html
    assert NAME not in html


def test_the_page_and_api_queries_do_not_grow_with_matters(client, notice, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from petitions import casework
    from petitions.enums import Channel

    from .conclusion_helpers import quyet

    dialogue, _opinions = notice
    urls = [reverse("portal:conclusion", args=[dialogue.pk]), f"/api/v1/public/conclusions/{dialogue.pk}"]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    for n in range(6):
        opinion = casework.Opinion(f"Ý kiến thêm số {n}")
        casework.receive(user("vanphong"), dialogue.unit, opinion, Channel.FRONT, quyet(), None, dialogue)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert "Ý kiến thêm số 5" in client.get(url).content.decode()


def test_a_real_pdf_is_made_with_libreoffice(client, notice):
    """The public PDF through the real converter (skipped where LibreOffice is not installed)."""
    if render.soffice() is None:
        pytest.skip("LibreOffice is not installed here")
    dialogue, _opinions = notice
    url = reverse("portal:conclusion_pdf", args=[dialogue.pk])
    client.post(url)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_bad_api_parameters_are_a_documented_400(client, db):
    """Found by the contract test: out-of-range parameters are a 400 with a Vietnamese message, and the schema says so."""
    response = client.get("/api/v1/public/conclusions/1", {"limit": 0, "offset": -1})
    assert response.status_code == 400 and "limit" in response.json()["message"]
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/public/conclusions/{dialogue_id}"]["get"]
    assert {"200", "400", "404"} <= set(operation["responses"])
