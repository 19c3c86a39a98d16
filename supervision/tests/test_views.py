"""Screens: the panel on the matter and dialogue pages, htmx actions, refusals (400, nothing written), lists."""

import datetime

import pytest
from django.urls import reverse

from common import dates
from supervision import verbs
from supervision.models import Escalation, Finding, Forecast, SupervisionPlan

TODAY = datetime.date(2026, 11, 26)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def _finding(world, **fields):
    return verbs.record_finding(
        world.supervisor,
        world.front,
        fields.pop("finding", "Phòng Kinh tế chưa trả lời hộ dân ngõ 12"),
        case=world.case,
        request="Đề nghị trả lời bằng văn bản trước 15/12",
        agency=world.ward.agency,
        **fields,
    )


def test_findings_show_on_the_case_page_and_on_the_dialogue_page(client, world):
    _finding(world)
    client.force_login(world.ward.staff)
    case_page = client.get(reverse("petitions:case", args=[world.case.pk])).content.decode()
    dialogue_page = client.get(reverse("dialogues:detail", args=[world.dialogue.pk])).content.decode()
    for page in (case_page, dialogue_page):
        assert 'id="supervision-panel"' in page and "Phòng Kinh tế chưa trả lời hộ dân ngõ 12" in page
        assert "Kết quả giám sát" in page  # Vietnamese interface


def test_front_records_a_finding_from_the_case_page_with_htmx(client, world):
    client.force_login(world.supervisor)
    url = reverse("supervision:finding", args=["vu-viec", world.case.pk])
    response = client.post(
        url,
        {
            "finding-organization": world.front.pk,
            "finding-found_on": "2026-11-25",
            "finding-finding": "Hộ dân chưa nhận được văn bản trả lời",
            "finding-request": "Đề nghị trả lời bằng văn bản",
            "finding-agency": world.ward.agency.pk,
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "Hộ dân chưa nhận được văn bản trả lời" in response.content.decode()
    finding = Finding.objects.get()
    assert finding.case == world.case and finding.found_on == datetime.date(2026, 11, 25)


def test_bad_input_is_a_400_with_a_vietnamese_reason_and_nothing_written(client, world):
    client.force_login(world.supervisor)
    url = reverse("supervision:finding", args=["vu-viec", world.case.pk])
    data = {
        "finding-organization": world.front.pk,
        "finding-found_on": "2026-12-25",  # future
        "finding-finding": "Chưa trả lời",
    }
    response = client.post(url, data, **HTMX)
    assert response.status_code == 400 and "không được sau ngày hôm nay" in response.content.decode()
    plain = client.post(url, {**data, "finding-found_on": "không phải ngày"})
    assert plain.status_code == 400 and "Ngày giám sát" in plain.content.decode()
    assert not Finding.objects.exists()


def test_the_agency_officer_replies_on_the_case_page(client, world):
    finding = _finding(world)
    client.force_login(world.ward.officer)
    page = client.get(reverse("petitions:case", args=[world.case.pk])).content.decode()
    assert reverse("supervision:finding_reply", args=[finding.pk]) in page
    response = client.post(
        reverse("supervision:finding_reply", args=[finding.pk]),
        {"reply": "Đã có văn bản số 15/KT", "replied_on": "2026-11-26", "panel": "case"},
    )
    assert response.status_code == 302 and response.url == reverse("petitions:case", args=[world.case.pk])
    finding.refresh_from_db()
    assert finding.replied_on == TODAY


def test_front_member_cannot_escalate_403_and_nothing_written(client, world):
    client.force_login(world.supervisor)
    response = client.post(
        reverse("supervision:escalate", args=["vu-viec", world.case.pk]),
        {
            "escalation-kind": "beyond_authority",
            "escalation-content": "Kiến nghị",
            "escalation-upper_level": "UBND thành phố",
            "escalation-letter_number": "1/MT",
            "escalation-letter_date": "2026-11-20",
            "escalation-due": "2026-12-20",
        },
    )
    assert response.status_code == 403 and not Escalation.objects.exists()


def test_office_escalates_with_the_letter_file_and_it_shows_on_the_case_page(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.ward.staff)
    pdf = SimpleUploadedFile("cong-van 45.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    response = client.post(
        reverse("supervision:escalate", args=["vu-viec", world.case.pk]),
        {
            "escalation-kind": "policy_amendment",
            "escalation-content": "Đề xuất sửa đổi mức hỗ trợ nâng cốt nền",
            "escalation-upper_level": "UBND thành phố Hải Phòng",
            "escalation-letter_number": "45/UBND-KT",
            "escalation-letter_date": "2026-11-20",
            "escalation-due": "2026-12-20",
            "escalation-file": pdf,
        },
    )
    assert response.status_code == 302
    escalation = Escalation.objects.get()
    assert escalation.letter_file_name.endswith(".pdf")
    page = client.get(reverse("petitions:case", args=[world.case.pk])).content.decode()
    assert "45/UBND-KT" in page and "Đề xuất hủy bỏ, sửa đổi" in page
    download = client.get(reverse("supervision:letter_file", args=[escalation.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_forecast_form_only_before_the_conference_and_post_after_is_refused(client, world):
    client.force_login(world.supervisor)
    page = client.get(reverse("dialogues:detail", args=[world.dialogue.pk])).content.decode()
    assert 'id="forecast-form"' in page
    world.dialogue.status = "held"
    world.dialogue.save()
    page = client.get(reverse("dialogues:detail", args=[world.dialogue.pk])).content.decode()
    assert 'id="forecast-form"' not in page
    response = client.post(
        reverse("supervision:forecast", args=[world.dialogue.pk]),
        {"forecast-organization": world.front.pk, "forecast-content": "Muộn"},
        **HTMX,
    )
    assert response.status_code == 400 and "đã tổ chức" in response.content.decode()
    assert not Forecast.objects.exists()


def test_directions_done_by_the_owner_from_the_dialogue_page(client, world):
    direction = verbs.direct(
        world.ward.staff,
        world.ward.unit,
        "Xem xét xử lý cán bộ để chậm",
        world.ward.agency,
        datetime.date(2026, 12, 5),
        dialogue=world.dialogue,
    )
    client.force_login(world.ward.head)
    response = client.post(
        reverse("supervision:direction_done", args=[direction.pk]),
        {"result": "Đã kiểm điểm", "done_on": "2026-11-26", "panel": "dialogue"},
        **HTMX,
    )
    assert response.status_code == 200 and "Đã kiểm điểm" in response.content.decode()
    direction.refresh_from_db()
    assert direction.state == "done"


def test_get_writes_nothing_and_post_only_views_refuse_get(client, world):
    client.force_login(world.supervisor)
    assert client.get(reverse("supervision:finding", args=["vu-viec", world.case.pk])).status_code == 405
    client.get(reverse("supervision:home"))
    assert not Finding.objects.exists() and not SupervisionPlan.objects.exists()


def test_the_front_creates_a_plan_and_sets_what_it_covers(client, world):
    client.force_login(world.supervisor)
    response = client.post(
        reverse("supervision:plan_create"),
        {"plan-organization": world.front.pk, "plan-year": 2027, "plan-title": "Giám sát năm 2027", "plan-content": ""},
    )
    plan = SupervisionPlan.objects.get()
    assert response.status_code == 302 and response.url == reverse("supervision:plan", args=[plan.pk])
    code = world.case.petitions.first().tracking_code
    response = client.post(
        reverse("supervision:plan", args=[plan.pk]),
        {"coverage-dialogues": [world.dialogue.pk], "coverage-tracking_codes": code},
    )
    assert response.status_code == 302
    assert list(plan.dialogues.all()) == [world.dialogue] and list(plan.cases.all()) == [world.case]
    bad = client.post(reverse("supervision:plan", args=[plan.pk]), {"coverage-tracking_codes": "KHONGCO"})
    assert bad.status_code == 400 and "KHONGCO" in bad.content.decode()


def test_strangers_do_not_see_other_units_rows(client, world):
    from organizations.models import AdministrativeUnit, Organization, OrganizationKind

    from .factories import login

    other = AdministrativeUnit.objects.create(
        code="31-KHAC", name="Phường Khác", level=world.ward.unit.level, parent=world.ward.unit.parent
    )
    front = Organization.objects.create(
        code="k-mttq", name="MTTQ phường Khác", kind=OrganizationKind.objects.get(code="fatherland_front"), unit=other
    )
    stranger = login("mattrankhac", "Vũ Văn Khác", "front_supervisor", front)
    finding = _finding(world)
    client.force_login(stranger)
    assert "Phòng Kinh tế chưa trả lời" not in client.get(reverse("supervision:findings")).content.decode()
    response = client.post(reverse("supervision:finding_reply", args=[finding.pk]), {"reply": "x", "replied_on": "2026-11-26"})
    assert response.status_code == 404


LISTS = ["supervision:findings", "supervision:escalations", "supervision:directions", "supervision:home"]


@pytest.mark.parametrize("name", LISTS)
def test_lists_paginate_in_sql_and_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries, name):
    def add(count):
        for n in range(count):
            _finding(world, finding=f"Kết quả {n}")
            verbs.escalate(
                world.ward.staff, world.ward.unit, f"Kiến nghị {n}", "UBND thành phố", f"{n}/UBND", TODAY, TODAY, case=world.case
            )
            verbs.direct(world.ward.staff, world.ward.unit, f"Chỉ đạo {n}", world.ward.agency, TODAY, case=world.case)

    client.force_login(world.ward.staff)
    add(3)
    with django_assert_max_num_queries(40) as three:
        assert client.get(reverse(name)).status_code == 200
    add(60)
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_case_page_panel_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    client.force_login(world.ward.staff)
    _finding(world)
    url = reverse("petitions:case", args=[world.case.pk])
    with django_assert_max_num_queries(200) as one:
        client.get(url)
    for n in range(10):
        _finding(world, finding=f"Thêm {n}")
        verbs.direct(world.ward.staff, world.ward.unit, f"Chỉ đạo {n}", world.ward.agency, TODAY, case=world.case)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200
