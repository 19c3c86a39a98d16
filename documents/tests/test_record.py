"""Issue 11: the official record can be trusted — one number per document, dates of record, documents that
match the data, nothing archived with work undone. Each document is read back with python-docx."""

import datetime

import pytest

from conference import proceedings
from dialogues import lifecycle
from dialogues.enums import GroupKind, StepStatus
from dialogues.tests.factories import make_dialogue
from documents import dossier
from documents.issuing import IssueError, issue
from documents.kinds import Kind, file_name
from documents.models import DossierFile, IssuedDocument
from organizations.models import Organization
from petitions import casework
from petitions.enums import Channel
from petitions.tests.helpers import agency, field, person, user

from .test_documents import opened, party_dialogue, texts  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
D = datetime.date


def cells_of(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


# Finding 2: one document of a kind for a dialogue is issued once.


def test_the_dossier_uses_the_documents_already_issued(party_dialogue):  # noqa: F811
    staff = user("vanphong")
    minutes = issue(Kind.MINUTES, staff, party_dialogue)
    conclusion = issue(Kind.CONCLUSION, staff, party_dialogue)
    statuses = {item.rule.code: item.status for item in dossier.checklist(party_dialogue)}
    assert statuses["minutes"] == "generated" and statuses["conclusion_notice"] == "generated"
    assert dossier.completeness(party_dialogue)[0] == 2
    assert dossier.generate(party_dialogue, "minutes", staff) == [minutes]
    assert dossier.generate(party_dialogue, "conclusion_notice", staff) == [conclusion]
    assert IssuedDocument.objects.filter(dialogue=party_dialogue).count() == 2
    assert sorted(IssuedDocument.objects.values_list("symbol", flat=True)) == ["01-BB/ĐU", "01-TB/ĐU"]
    assert DossierFile.objects.filter(entry__dialogue=party_dialogue).count() == 2


def test_issuing_again_is_refused_unless_it_replaces_with_a_reason(party_dialogue):  # noqa: F811
    staff = user("vanphong")
    first = issue(Kind.CONCLUSION, staff, party_dialogue)
    with pytest.raises(IssueError, match="01-TB/ĐU"):
        issue(Kind.CONCLUSION, staff, party_dialogue)
    with pytest.raises(IssueError, match="lý do"):
        issue(Kind.CONCLUSION, staff, party_dialogue, replace=True, reason=" ")
    assert IssuedDocument.objects.count() == 1
    first.refresh_from_db()
    assert not first.replaced
    second = issue(Kind.CONCLUSION, staff, party_dialogue, replace=True, reason="Sai thời hạn giải quyết")
    first.refresh_from_db()
    assert first.replaced and first.symbol == "01-TB/ĐU", "the old number stays in the register"
    assert second.symbol == "02-TB/ĐU" and second.replaces == first and second.replace_reason == "Sai thời hạn giải quyết"
    held = DossierFile.objects.filter(entry__dialogue=party_dialogue, entry__item_code="conclusion_notice")
    assert [stored.document for stored in held] == [second], "the dossier holds the document in force"


def test_the_issue_button_says_it_takes_a_number(client, party_dialogue):  # noqa: F811
    client.force_login(user("vanphong"))
    page = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/").content.decode()
    assert "lấy số" in page
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ban-hanh/conclusion/")
    page = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/").content.decode()
    assert "01-TB/ĐU" in page and 'name="replace"' in page
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ban-hanh/conclusion/")
    assert IssuedDocument.objects.filter(kind=Kind.CONCLUSION).count() == 1


# Finding 3: no issue date after today.


def test_no_document_dated_after_today(party_dialogue, monkeypatch):  # noqa: F811
    with pytest.raises(IssueError, match="không được sau ngày hôm nay"):
        issue(Kind.PLAN, user("vanphong"), party_dialogue, day=D(2027, 3, 21))
    dialogue = make_dialogue(title="Đối thoại chưa tổ chức", date=D(2027, 6, 9))
    with pytest.raises(IssueError, match="10/03/2027|09/06/2027"):
        issue(Kind.MINUTES, user("vanphong"), dialogue)  # the minutes carry the conference date, still to come
    assert not IssuedDocument.objects.exists()


# Finding 4: documents agree with the data.


def test_the_conclusion_notice_carries_its_recorded_issue_date(party_dialogue):  # noqa: F811
    document = issue(Kind.CONCLUSION, user("vanphong"), party_dialogue, day=D(2027, 3, 20))
    assert document.issued_on == D(2027, 3, 19) == party_dialogue.conclusion_issued_on
    assert "ngày 19 tháng 3 năm 2027" in opened(document).tables[0].rows[0].cells[1].text


def test_minutes_are_signed_by_the_secretary_and_the_chair_with_the_attendance(party_dialogue):  # noqa: F811
    group = party_dialogue.participant_groups.create(kind=GroupKind.UNIT_DELEGATES, expected_count=2)
    group.organizations.add(agency("ha-pkt"), Organization.objects.get(code="ha-ubnd"))
    proceedings.invite_from_plan(party_dialogue)
    proceedings.check_in(party_dialogue.invitees.get(organization__code="ha-pkt"))
    proceedings.add_walk_in(party_dialogue, "Lê Thị Hoa")
    secretary = user("thuky")
    secretary.first_name, secretary.last_name = "Hoàng Thị Mai", ""
    secretary.save()
    proceedings.save_minutes(party_dialogue, secretary, 0, conclusion="Giao Phòng Kinh tế trả lời bằng văn bản.")
    document = opened(issue(Kind.MINUTES, user("vanphong"), party_dialogue))
    text = texts(document)
    assert "Phòng Kinh tế, Hạ tầng và Đô thị phường Hồng An" in text
    assert "Nhân dân đến dự trực tiếp: 1 người" in text
    assert "Ủy ban nhân dân phường Hồng An" not in text.split("Thành phần:")[1].split("Chủ trì:")[0], "absent: not listed"
    left, right = document.tables[-1].rows[0].cells
    assert "NGƯỜI GHI BIÊN BẢN" in left.text and "Hoàng Thị Mai" in left.text
    assert "CHỦ TRÌ HỘI NGHỊ" in right.text and "Nguyễn Văn Hùng" in right.text
    assert "T/M BAN THƯỜNG VỤ" not in text and "Nơi nhận" not in left.text


def _opinions(dialogue, count: int) -> list:
    staff = user("vanphong")
    return [
        casework.receive(
            staff, dialogue.unit, casework.Opinion(f"Ý kiến số {n}"), Channel.LETTER, person(), D(2026, 11, 2), dialogue
        )
        for n in range(count)
    ]


def test_form_5_totals_match_its_table_with_not_classified(party_dialogue):  # noqa: F811
    staff = user("vanphong")
    petitions = _opinions(party_dialogue, 3)
    casework.classify(petitions[0].case, staff, field("kinh_te"), "within")
    casework.group(petitions[0].case, [petitions[1].case], staff)
    text_rows = cells_of(opened(issue(Kind.COMPILATION, staff, party_dialogue)))
    text = "\n".join(" | ".join(row) for row in text_rows)
    header = next(row for row in text_rows if row[0] == "Lĩnh vực")
    total = next(row for row in text_rows if row[0].startswith("Tổng cộng"))
    assert header[-1] == "Chưa phân loại"
    # 4 opinions (the fixture's one and these three) in 3 matters; every one of them is in the table.
    assert total[0] == "Tổng cộng (4)" and sum(int(value) for value in total[1:]) == 4
    body = texts(opened(issue(Kind.COMPILATION, staff, party_dialogue, replace=True, reason="Cập nhật số liệu")))
    assert "Tổng số ý kiến, kiến nghị tiếp nhận: 4, gộp thành 3 vụ việc." in body
    assert "Chưa phân loại" in text


def test_form_9_counts_every_matter_and_lists_those_without_an_outcome(client, party_dialogue):  # noqa: F811
    staff = user("vanphong")
    petitions = _opinions(party_dialogue, 2)
    casework.classify(petitions[0].case, staff, field("kinh_te"), "within")
    casework.assign(petitions[0].case, staff, agency("ha-pkt"), D(2027, 4, 9))
    client.force_login(staff)
    response = client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ban-hanh/conclusion/", follow=True)
    warnings = [str(message) for message in response.context["messages"]]
    assert any("Ý kiến số 0" in line for line in warnings) and any("Ý kiến số 1" in line for line in warnings)
    document = IssuedDocument.objects.get(kind=Kind.CONCLUSION)
    text = texts(opened(document))
    assert "Tổng số ý kiến, kiến nghị tại hội nghị: 3; đã trả lời, giải quyết tại hội nghị: 0;" in text
    assert "chưa giải quyết tại hội nghị: 3" in text
    rows = cells_of(opened(document))
    row = next(row for row in rows if row[1] == "Ý kiến số 0")
    assert row[2] == "Phòng Kinh tế, Hạ tầng và Đô thị phường Hồng An"


def test_form_7_only_for_ad_hoc_dialogues(client, party_dialogue, monkeypatch):  # noqa: F811
    with pytest.raises(IssueError, match="đột xuất"):
        issue(Kind.NOTICE, user("vanphong"), party_dialogue)
    client.force_login(user("vanphong"))
    page = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/").content.decode()
    assert 'data-kind="notice"' not in page
    sudden = make_dialogue(title="Đối thoại về vụ sạt lở", kind="ad_hoc", date=D(2027, 3, 22))
    page = client.get(f"/van-ban/doi-thoai/{sudden.pk}/").content.decode()
    assert 'data-kind="notice"' in page
    assert issue(Kind.NOTICE, user("vanphong"), sudden).symbol == "01-TB/ĐU"


def test_file_names_are_readable_vietnamese(client, party_dialogue):  # noqa: F811
    assert file_name(Kind.CONCLUSION, "01-TB/ĐU") == "thong-bao-ket-luan-01-TB-DU.docx"
    document = issue(Kind.CONCLUSION, user("vanphong"), party_dialogue)
    assert document.file.name.rsplit("/", 1)[1].startswith("thong-bao-ket-luan-01-TB-DU")
    client.force_login(user("vanphong"))
    response = client.get(f"/van-ban/tai/{document.pk}/")
    assert "thong-bao-ket-luan-01-TB-DU.docx" in response["Content-Disposition"]
    draft = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/du-thao/minutes/")
    assert "du-thao-bien-ban-hoi-nghi.docx" in draft["Content-Disposition"]


# Finding 1: archiving checks the dossier, the answers and the outcomes.


def test_archive_refuses_with_what_the_dossier_and_answers_lack(party_dialogue):  # noqa: F811
    staff = user("vanphong")
    for step in party_dialogue.steps.filter(status=StepStatus.PENDING).exclude(code="archive"):
        lifecycle.complete_step(step, staff, D(2027, 3, 20))
    with pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.archive(party_dialogue, staff, D(2027, 3, 20))
    message = str(refused.value)
    assert "Hồ sơ thiếu" in message and "Biên bản" in message
    assert "Ý kiến chưa trả lời xong" in message and "Đường ngõ 12 Lê Lợi" in message
    party_dialogue.refresh_from_db()
    assert party_dialogue.status == "concluded"
    assert not party_dialogue.events.filter(action="archive").exists()
