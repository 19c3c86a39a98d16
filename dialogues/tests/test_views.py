"""The dialogue screens and their permissions (list, page, planning form, preview, my tasks, overdue, year)."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from common.tests.clock import today_is
from dialogues import lifecycle
from dialogues.models import Dialogue
from organizations.models import Appointment

from .factories import FAR, head, make_dialogue

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def plan_payload(**overrides):
    data = {
        "unit": Appointment.objects.get(person__full_name="Nguyễn Văn Hùng").organization.unit_id,
        "title": "Hội nghị đối thoại định kỳ năm 2027",
        "kind": "periodic",
        "form": "in_person",
        "takes_indirect_opinions": "on",
        "date": "2027-03-10",
        "start_time": "07:30",
        "end_time": "11:30",
        "venue": "Hội trường UBND phường",
        "expected_citizens": "120",
        "hosts": [head("31-HONGAN").pk],
        "group_residential_count": "40",
        "group_upper_people": [Appointment.objects.get(person__full_name="Lý Văn Sơn").person_id],
        "agency_0": "",
    }
    data.update(overrides)
    return data


def test_advising_staff_plans_a_dialogue_with_the_form(client, demo):
    login(client, "vanphong")
    response = client.post("/doi-thoai/moi/", plan_payload())
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/doi-thoai/{dialogue.pk}/"
    assert dialogue.expected_citizens == 120
    assert dialogue.participant_groups.get(kind="residential").expected_count == 40
    assert [p.full_name for p in dialogue.participant_groups.get(kind="upper").people.all()] == ["Lý Văn Sơn"]
    page = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert 'data-code="announce"' in page and "26/02/2027" in page


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"kind": "thematic"}, "topic"),
        ({"kind": "ad_hoc"}, "ad_hoc_reason"),
        ({"form": "online"}, "meeting_link"),
        ({"end_time": "08:30"}, "end_time"),
        ({"date": ""}, "date"),
    ],
)
def test_bad_plan_is_refused_with_a_message_and_saves_nothing(client, demo, overrides, field):
    login(client, "vanphong")
    response = client.post("/doi-thoai/moi/", plan_payload(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Dialogue.objects.exists()


def test_host_of_another_unit_is_refused(client, demo):
    login(client, "quantri")
    payload = plan_payload(hosts=[head("31-TANKY").pk])
    response = client.post("/doi-thoai/moi/", payload)
    assert response.status_code == 400 and response.context["form"].errors["hosts"]


def test_only_planners_open_the_form(client, demo):
    assert login(client, "canbo").get("/doi-thoai/moi/").status_code == 403
    assert login(client, "vanphong").get("/doi-thoai/moi/").status_code == 200


def test_preview_shows_deadlines_and_warns_when_already_past(client, demo):
    login(client, "vanphong")
    unit = Appointment.objects.get(person__full_name="Nguyễn Văn Hùng").organization.unit_id
    page = client.get("/doi-thoai/moi/lich-du-kien/", {"unit": unit, "date": "2027-03-10", "kind": "periodic"}).content.decode()
    assert "26/02/2027" in page and 'id="past-warning"' not in page
    soon = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    page = client.get("/doi-thoai/moi/lich-du-kien/", {"unit": unit, "date": soon, "kind": "periodic"}).content.decode()
    assert 'id="past-warning"' in page


def test_list_filters(client, demo):
    make_dialogue(title="Đối thoại định kỳ Hồng An")
    make_dialogue(title="Đối thoại thanh niên", kind="thematic", date=datetime.date(2027, 5, 12))
    login(client, "captren")
    assert "Đối thoại thanh niên" in client.get("/doi-thoai/", {"loai": "thematic"}).content.decode()
    page = client.get("/doi-thoai/", {"loai": "periodic"}).content.decode()
    assert "Đối thoại định kỳ Hồng An" in page and "Đối thoại thanh niên" not in page
    assert "Đối thoại thanh niên" not in client.get("/doi-thoai/", {"nam": "2026"}).content.decode()


def test_other_units_cannot_see_a_dialogue(client, demo):
    dialogue = make_dialogue("31-TANKY", user=User.objects.get(username="quantri"))
    assert login(client, "vanphong").get(f"/doi-thoai/{dialogue.pk}/").status_code == 404
    assert login(client, "captren").get(f"/doi-thoai/{dialogue.pk}/").status_code == 200


def test_upper_viewer_cannot_change_a_dialogue(client, demo):
    dialogue = make_dialogue()
    response = login(client, "captren").post(f"/doi-thoai/{dialogue.pk}/chuyen/announce/", {"on": "2027-02-20"})
    assert response.status_code == 403
    dialogue.refresh_from_db()
    assert dialogue.status == "planned"


def test_transition_from_the_page(client, demo, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, datetime.date(2027, 3, 10))
    login(client, "vanphong")
    client.post(f"/doi-thoai/{dialogue.pk}/chuyen/hold/", {"on": "2027-03-10"})
    dialogue.refresh_from_db()
    assert dialogue.status == "planned"  # refused: not announced
    client.post(f"/doi-thoai/{dialogue.pk}/chuyen/announce/", {"on": "2027-02-20"})
    dialogue.refresh_from_db()
    assert dialogue.status == "announced"
    response = client.post(f"/doi-thoai/{dialogue.pk}/chuyen/cancel/", {"reason": ""}, follow=True)
    assert 'class="error"' in response.content.decode()
    dialogue.refresh_from_db()
    assert dialogue.status == "announced"


def test_owner_marks_its_step_done_others_cannot(client, demo, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, datetime.date(2027, 2, 1))
    step = dialogue.steps.get(code="collect")
    assert login(client, "canbo").post(f"/doi-thoai/{dialogue.pk}/buoc/{step.pk}/done/", {"on": "2027-02-01"}).status_code == 403
    step.refresh_from_db()
    assert step.status == "pending"
    login(client, "thuky").post(f"/doi-thoai/{dialogue.pk}/buoc/{step.pk}/done/", {"on": "2027-02-01"})
    step.refresh_from_db()
    assert step.status == "done" and step.done_by.username == "thuky"


def test_my_tasks_lists_my_organization_s_steps_soonest_first(client, demo):
    make_dialogue(title="Sau", date=datetime.date(2027, 6, 9))
    make_dialogue(title="Trước", date=FAR)
    page = login(client, "vanphong").get("/doi-thoai/viec-cua-toi/").content.decode()
    assert page.index("Trước") < page.index("Sau")
    assert "Trước" not in login(client, "canbo").get("/doi-thoai/viec-cua-toi/").content.decode()


def test_overdue_board_for_advising_office_front_and_upper_levels(client, demo):
    soon = timezone.localdate() + datetime.timedelta(days=3)
    make_dialogue(title="Gấp", date=soon, notice_justification="Yêu cầu của cấp trên")
    for username in ("vanphong", "mattran", "captren"):
        page = login(client, username).get("/doi-thoai/qua-han/").content.decode()
        assert "Gấp" in page and "step-overdue" in page, username
    assert login(client, "canbo").get("/doi-thoai/qua-han/").status_code == 403


def test_year_view_counts_against_the_minimum(client, demo, monkeypatch):
    """002 Mẫu 2: dialogues against the target — exceeded / met / not met; Tân Kỳ requires 1 per head."""
    admin = User.objects.get(username="quantri")
    dialogue = make_dialogue("31-TANKY", date=datetime.date(2027, 3, 10), user=admin)
    today_is(monkeypatch, datetime.date(2027, 3, 10))
    lifecycle.announce(dialogue, admin, datetime.date(2027, 2, 20))
    lifecycle.hold(dialogue, admin, datetime.date(2027, 3, 10))
    page = login(client, "quantri").get("/doi-thoai/theo-nam/", {"don_vi": "31-TANKY", "nam": "2027"}).content.decode()
    assert "verdict-met" in page and "verdict-not_met" in page  # the Secretary held one, the Chair none


def test_edit_the_details_keeps_the_date_and_checks_the_times(client, demo):
    dialogue = make_dialogue()
    login(client, "vanphong")
    url = f"/doi-thoai/{dialogue.pk}/sua/"
    data = {
        "title": "Đối thoại (sửa)",
        "venue": "Nhà văn hóa",
        "start_time": "07:30",
        "end_time": "08:00",
        "expected_citizens": "90",
    }
    assert client.post(url, data).status_code == 400
    data["end_time"] = "11:30"
    assert client.post(url, data).status_code == 302
    dialogue.refresh_from_db()
    assert (dialogue.title, dialogue.venue, dialogue.date) == ("Đối thoại (sửa)", "Nhà văn hóa", FAR)
    assert dialogue.history.count() == 2
    assert login(client, "mattran").get(url).status_code == 403


def test_a_future_date_is_refused_with_a_message_and_changes_nothing(client, demo, monkeypatch):
    """Issue 11 finding 3: on 26/11/2026 a conference cannot be recorded as held on 15/01/2027."""
    today_is(monkeypatch, datetime.date(2026, 11, 26))
    dialogue = make_dialogue(kind="ad_hoc", date=datetime.date(2026, 11, 28))
    response = login(client, "vanphong").post(f"/doi-thoai/{dialogue.pk}/chuyen/hold/", {"on": "2027-01-15"}, follow=True)
    assert "không được sau ngày hôm nay (26/11/2026)" in response.content.decode()
    dialogue.refresh_from_db()
    assert dialogue.status == "planned" and not dialogue.events.filter(action="hold").exists()


def test_archiving_asks_for_confirmation_and_lists_what_is_missing(client, demo, monkeypatch):
    """Issue 11 finding 1: the page lists what the dossier lacks instead of archiving at once."""
    staff = User.objects.get(username="vanphong")
    dialogue = make_dialogue()
    today_is(monkeypatch, datetime.date(2027, 3, 20))
    lifecycle.announce(dialogue, staff, datetime.date(2027, 2, 26))
    lifecycle.hold(dialogue, staff, FAR)
    lifecycle.conclude(dialogue, staff, datetime.date(2027, 3, 19))
    page = login(client, "vanphong").get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert 'id="archive-blockers"' in page and "Bước chưa thực hiện" in page
    monkeypatch.setattr(lifecycle, "archive_blockers", lambda d: [])
    response = client.post(f"/doi-thoai/{dialogue.pk}/chuyen/archive/", {"on": "2027-03-20"}, follow=True)
    assert "xác nhận" in response.content.decode()
    dialogue.refresh_from_db()
    assert dialogue.status == "concluded"


def test_participants_page_changes_the_plan(client, demo):
    """Issue 11 finding 6: after planning, the groups can be named so that invitations can be made."""
    from organizations.models import Organization

    dialogue = make_dialogue()
    pkt = Organization.objects.get(code="ha-pkt")
    assert login(client, "canbo").get(f"/doi-thoai/{dialogue.pk}/thanh-phan/").status_code == 403
    login(client, "vanphong")
    assert 'id="participants-form"' in client.get(f"/doi-thoai/{dialogue.pk}/thanh-phan/").content.decode()
    response = client.post(
        f"/doi-thoai/{dialogue.pk}/thanh-phan/",
        {"group_unit_count": "2", "group_unit_orgs": [pkt.pk], "agency_0": pkt.pk, "agency_0_task": "Báo cáo hạ tầng"},
    )
    assert response.status_code == 302
    assert list(dialogue.participant_groups.get(kind="unit").organizations.all()) == [pkt]
    assert dialogue.cooperating_agencies.get().organization == pkt
