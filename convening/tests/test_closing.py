"""Review findings on convening: numbers in Vietnamese, the share of voters as a profile row, closing a request.

Luật 72/2025/QH15 Điều 43 (tóm tắt): a dialogue when at least 10% of the commune's voters ask — the share is the
`voter_request` row of the law's profile (regulations/profiles/luat-72-2025.yaml), not a number in the code. A
request whose lists are found invalid, or that its representative withdraws, closes without a dialogue.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from common import dates
from convening import requests
from convening.models import ConveningRequest, PlanningDuty, RequestState
from notifications.models import Notification
from regulations.models import RegulationProfile, VoterRequestRule

from .factories import LAW, scan

pytestmark = pytest.mark.django_db

REASON = "Kiểm tra danh sách: 180 chữ ký không phải cử tri của phường, số hợp lệ không đủ mức cần đạt"


def _days(n: int) -> datetime.date:
    return dates.today() - datetime.timedelta(days=n)


def _request(commune, voters: int = 12345) -> ConveningRequest:
    requests.record_voters(commune.ward.staff, unit=commune.unit, as_of=_days(400), voters=voters, source="Danh sách cử tri 2025")
    return requests.receive_request(
        commune.ward.staff,
        unit=commune.unit,
        title="Đề nghị đối thoại về dự án cải tạo chợ Hồng An",
        content="Cử tri tổ dân phố số 1 và số 2 đề nghị UBND phường tổ chức đối thoại.",
        representative_name="Lương Thị Xuân Mai",
        representative_contact="0912 345 678",
        received_on=_days(5),
    )


# Finding 1: Vietnamese numbers


def test_counts_and_shares_are_written_the_vietnamese_way_on_every_convening_page(client, commune):
    """12345 voters show as "12.345"; 1.210 of them are "9,8 %"; the law's share "10 %"."""
    item = _request(commune, voters=12345)
    requests.add_signatures(item, commune.ward.staff, supporters=1210, scan=scan())
    client.force_login(commune.ward.staff)
    staff = client.get(reverse("convening:detail", args=[item.pk])).content.decode()
    assert "12.345" in staff and "1.210" in staff and "1.235" in staff and "9,8 %" in staff and "10 %" in staff
    assert "12345" not in staff and "1210" not in staff.replace('value="1210"', "")
    assert "12.345" in client.get(reverse("convening:voters")).content.decode()
    assert "1.210 / 1.235" in client.get(reverse("convening:list")).content.decode()
    client.logout()
    public = client.get(reverse("convening_public:detail", args=[item.pk])).content.decode()
    assert "12.345" in public and "1.210" in public and "1.235" in public and "9,8 %" in public and "10 %" in public
    assert "1.210" in client.get(reverse("convening_public:list")).content.decode()


def test_the_staff_notice_writes_the_counts_the_vietnamese_way(commune):
    item = _request(commune, voters=12345)
    requests.add_signatures(item, commune.ward.staff, supporters=1235, scan=scan())
    body = Notification.objects.filter(kind="convening_threshold", channel="in_app").first().body
    assert "1.235" in body and "10 %" in body


# Finding 4: the share is a row of the regulation profile


def test_luat72_d43_the_share_and_citation_come_from_the_profile_row(commune):
    """The law's row says 10 (tóm tắt); a profile changed to 5 holds new requests to 5% — no number in the code."""
    rule = VoterRequestRule.objects.get(profile__code=LAW)
    assert (rule.percent, rule.citation, rule.is_summary) == (Decimal("10.00"), "Luật 72/2025/QH15 Điều 43", True)
    first = _request(commune, voters=12345)
    assert (first.threshold, first.threshold_percent) == (1235, Decimal("10.00"))
    assert first.threshold_citation == "Luật 72/2025/QH15 Điều 43 (tóm tắt)"
    VoterRequestRule.objects.filter(pk=rule.pk).update(percent=Decimal("5"), citation="Văn bản thử nghiệm", is_summary=False)
    second = requests.receive_request(
        None, unit=commune.unit, title="Yêu cầu thứ hai", content="Nội dung", representative_name="A",
        representative_contact="B", received_on=_days(1),
    )  # fmt: skip
    assert (second.threshold, second.threshold_percent, second.threshold_citation) == (618, Decimal("5.00"), "Văn bản thử nghiệm")
    first.refresh_from_db()
    assert first.threshold == 1235  # a request keeps the share it was held to


def test_without_a_share_in_the_commune_s_regulations_a_request_is_refused_and_nothing_written(client, commune):
    VoterRequestRule.objects.filter(profile=RegulationProfile.objects.get(code=LAW)).delete()
    requests.record_voters(None, unit=commune.unit, as_of=_days(400), voters=12345, source="Danh sách cử tri 2025")
    client.force_login(commune.ward.staff)
    response = client.post(
        reverse("convening:create"),
        {"unit": commune.unit.pk, "title": "Yêu cầu", "content": "Nội dung", "representative_name": "A",
         "representative_contact": "B", "received_on": _days(1).isoformat()},
    )  # fmt: skip
    assert response.status_code == 400 and "tỷ lệ cử tri" in response.content.decode()
    assert not ConveningRequest.objects.exists()


# Finding 3: closing a request without a dialogue


@pytest.mark.parametrize(
    ("decision", "state", "shown"),
    [
        ("invalid", RequestState.INVALID, "Không được chấp nhận"),
        ("withdrawn", RequestState.WITHDRAWN, "Người đại diện cử tri đã rút yêu cầu"),
    ],
)
def test_luat72_d43_staff_close_a_request_with_a_reason_kept_in_history_and_staff_told(client, commune, decision, state, shown):
    item = _request(commune)
    requests.add_signatures(item, commune.ward.staff, supporters=1300, scan=scan())  # reached: a duty is open
    client.force_login(commune.ward.staff)
    response = client.post(reverse("convening:close", args=[item.pk, decision]), {"on": _days(0).isoformat(), "reason": REASON})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.closed_on, item.closed_reason) == (state, dates.today(), REASON)
    assert item.history.first().history_change_reason == REASON[:100]
    told = Notification.objects.filter(kind="convening_closed", channel="in_app")
    assert set(told.values_list("recipient__username", flat=True)) == {"vanphong", "quantri"}
    assert REASON in told.first().body
    client.logout()
    public = client.get(reverse("convening_public:detail", args=[item.pk])).content.decode()
    assert shown in public and REASON not in public and "Lương Thị Xuân Mai" not in public
    api = client.get("/api/v1/public/convening-requests").json()["items"][0]
    assert api["closed_on"] == dates.today().isoformat() and REASON not in str(api)


def test_a_closed_request_takes_no_list_and_its_duty_is_no_longer_reminded(commune):
    from convening.reminders import planning_duty_reminders

    item = _request(commune)
    requests.add_signatures(item, commune.ward.staff, supporters=1300, scan=scan())
    duty = PlanningDuty.objects.get(request=item)
    requests.assign_duty(duty, commune.admin, owner=commune.committee, due_on=dates.today(), basis="Quy chế phường")
    requests.record_withdrawal(item, commune.ward.staff, on=dates.today(), reason="Người đại diện rút yêu cầu bằng văn bản")
    with pytest.raises(requests.ConveningError, match="đã kết thúc"):
        requests.add_signatures(item, commune.ward.staff, supporters=10, scan=scan())
    before = Notification.objects.count()
    planning_duty_reminders(dates.today() + datetime.timedelta(days=3))
    assert Notification.objects.filter(kind="convening_plan_due").count() == 0 and Notification.objects.count() == before


def test_the_representative_is_told_of_the_closing_and_it_is_recorded(client, commune):
    item = _request(commune)
    requests.mark_invalid(item, commune.ward.staff, on=dates.today(), reason=REASON)
    client.force_login(commune.ward.staff)
    response = client.post(reverse("convening:told", args=[item.pk]), {"on": dates.today().isoformat(), "how": "Thư"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.told_on, item.told_how) == (dates.today(), "Thư")


def _unchanged(item: ConveningRequest, history: int) -> None:
    item.refresh_from_db()
    assert item.state == RequestState.COLLECTING and item.closed_on is None and item.closed_reason == ""
    assert item.history.count() == history and not Notification.objects.filter(kind="convening_closed").exists()


@pytest.mark.parametrize("decision", ["invalid", "withdrawn"])
def test_closing_without_a_reason_is_a_400_in_vietnamese_and_nothing_written(client, commune, decision):
    item = _request(commune)
    history = item.history.count()
    client.force_login(commune.ward.staff)
    response = client.post(reverse("convening:close", args=[item.pk, decision]), {"on": _days(0).isoformat(), "reason": "  "})
    assert response.status_code == 400 and "Cần ghi lý do" in response.content.decode()
    _unchanged(item, history)
    with pytest.raises(requests.ConveningError, match="Cần ghi lý do"):
        requests.mark_invalid(item, commune.ward.staff, on=dates.today(), reason="")
    _unchanged(item, history)


@pytest.mark.parametrize("decision", ["invalid", "withdrawn"])
def test_an_agency_officer_cannot_close_a_request_and_nothing_is_written(client, commune, decision):
    item = _request(commune)
    history = item.history.count()
    client.force_login(commune.ward.officer)
    response = client.post(reverse("convening:close", args=[item.pk, decision]), {"on": _days(0).isoformat(), "reason": REASON})
    assert response.status_code == 403
    _unchanged(item, history)


def test_a_closed_request_cannot_be_closed_again_nor_closed_in_the_future(client, commune):
    item = _request(commune)
    client.force_login(commune.ward.staff)
    tomorrow = (dates.today() + datetime.timedelta(days=1)).isoformat()
    future = client.post(reverse("convening:close", args=[item.pk, "invalid"]), {"on": tomorrow, "reason": REASON})
    assert future.status_code == 400
    _unchanged(item, item.history.count())
    requests.record_withdrawal(item, commune.ward.staff, on=dates.today(), reason="Rút yêu cầu")
    again = client.post(reverse("convening:close", args=[item.pk, "invalid"]), {"on": _days(0).isoformat(), "reason": REASON})
    assert again.status_code == 400 and "Chỉ kết thúc được" in again.content.decode()
    item.refresh_from_db()
    assert item.state == RequestState.WITHDRAWN and item.closed_reason == "Rút yêu cầu"


def test_the_duty_of_a_closed_request_can_no_longer_be_assigned_nor_planned(client, commune):
    from .factories import dialogue

    item = _request(commune)
    requests.add_signatures(item, commune.ward.staff, supporters=1300, scan=scan())
    duty = PlanningDuty.objects.get(request=item)
    requests.mark_invalid(item, commune.ward.staff, on=dates.today(), reason=REASON)
    with pytest.raises(requests.ConveningError, match="nhiệm vụ lập kế hoạch đã đóng"):
        requests.assign_duty(duty, commune.admin, owner=commune.committee, due_on=dates.today(), basis="Quy chế phường")
    planned = dialogue(commune, date=dates.today() + datetime.timedelta(days=20))
    client.force_login(commune.ward.staff)
    response = client.post(reverse("convening:link", args=[item.pk]), {"dialogue": planned.pk})
    assert response.status_code == 400
    duty.refresh_from_db()
    item.refresh_from_db()
    assert duty.dialogue is None and duty.owner is None and item.state == RequestState.INVALID


def test_a_closed_request_s_personal_data_and_reason_go_after_the_retention_period(commune, settings):
    """Nghị định 13/2023/NĐ-CP Điều 3 (storage limitation): counted from the day it was closed, like a published one."""
    from convening.retention import erase_closed_requests

    settings.CONVENING_DATA_RETENTION_DAYS = 30
    item = _request(commune)
    requests.record_withdrawal(item, commune.ward.staff, on=_days(1), reason="Bà Lương Thị Xuân Mai rút yêu cầu")
    assert erase_closed_requests(today=_days(1) + datetime.timedelta(days=29)) == 0
    assert erase_closed_requests(today=_days(1) + datetime.timedelta(days=30)) == 1
    item.refresh_from_db()
    assert (item.representative_name, item.closed_reason, item.state) == ("", "", RequestState.WITHDRAWN)
