"""Convening a dialogue at the voters' request (Luật 72/2025/QH15 Điều 43, tóm tắt): one test per rule."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common import dates
from convening import requests
from convening.models import ConveningRequest, PlanningDuty, RequestState, SignatureList, VoterCount
from notifications.models import Notification
from petitions.models import PersonalDataAccess

from .factories import dialogue, scan

pytestmark = pytest.mark.django_db

REPRESENTATIVE = "Lương Thị Xuân Mai"
CONTACT = "0912 345 678, số 12 ngõ 5 Lạch Tray"


def _days(n: int) -> datetime.date:
    return dates.today() - datetime.timedelta(days=n)


def _request(commune, voters: int = 4321, received: int = 5) -> ConveningRequest:
    requests.record_voters(commune.ward.staff, unit=commune.unit, as_of=_days(400), voters=voters, source="Danh sách cử tri 2025")
    return requests.receive_request(
        commune.ward.staff,
        unit=commune.unit,
        title="Đề nghị đối thoại về dự án cải tạo chợ Hồng An",
        content="Cử tri tổ dân phố số 1 và số 2 đề nghị UBND phường tổ chức đối thoại về dự án cải tạo chợ.",
        representative_name=REPRESENTATIVE,
        representative_contact=CONTACT,
        received_on=_days(received),
    )


def test_luat72_d43_the_latest_voter_list_on_the_day_received_is_used_and_history_kept(commune):
    """Luật 72/2025/QH15 Điều 43 (tóm tắt): 10% of the commune's voters, from the latest voter list as of the request."""
    requests.record_voters(None, unit=commune.unit, as_of=_days(900), voters=3000, source="Danh sách cử tri 2024")
    requests.record_voters(None, unit=commune.unit, as_of=_days(100), voters=4000, source="Danh sách cử tri 2026")
    requests.record_voters(None, unit=commune.unit, as_of=_days(2), voters=5000, source="Danh sách bổ sung")
    item = requests.receive_request(
        None,
        unit=commune.unit,
        title="Yêu cầu",
        content="Nội dung",
        representative_name="A",
        representative_contact="B",
        received_on=_days(10),
    )
    assert (item.voters, item.threshold, item.voter_count.source) == (4000, 400, "Danh sách cử tri 2026")
    assert VoterCount.objects.filter(unit=commune.unit).count() == 3  # the older counts stay


def test_luat72_d43_ten_percent_rounds_up(commune):
    """10% of 4,321 voters is 432.1: 433 supporters are needed (Luật 72/2025/QH15 Điều 43, tóm tắt)."""
    item = _request(commune, voters=4321)
    assert item.threshold == 433 and "Luật 72/2025/QH15 Điều 43" in item.threshold_citation


def test_voter_list_dated_in_the_future_is_refused_and_nothing_written(client, commune):
    client.force_login(commune.ward.staff)
    tomorrow = dates.today() + datetime.timedelta(days=1)
    response = client.post(
        reverse("convening:voters"), {"unit": commune.unit.pk, "as_of": tomorrow.isoformat(), "voters": 100, "source": "DS"}
    )
    assert response.status_code == 400
    assert "không được sau ngày hôm nay" in response.content.decode()
    assert not VoterCount.objects.exists()


def test_request_received_in_the_future_is_refused_and_nothing_written(client, commune):
    requests.record_voters(None, unit=commune.unit, as_of=_days(30), voters=1000, source="DS")
    client.force_login(commune.ward.staff)
    data = {
        "unit": commune.unit.pk,
        "title": "Yêu cầu",
        "content": "Nội dung",
        "representative_name": REPRESENTATIVE,
        "representative_contact": CONTACT,
        "received_on": (dates.today() + datetime.timedelta(days=3)).isoformat(),
    }
    response = client.post(reverse("convening:create"), data)
    assert response.status_code == 400 and "không được sau ngày hôm nay" in response.content.decode()
    assert not ConveningRequest.objects.exists()


def test_request_without_a_voter_count_is_refused(client, commune):
    client.force_login(commune.ward.staff)
    data = {
        "unit": commune.unit.pk,
        "title": "Yêu cầu",
        "content": "Nội dung",
        "representative_name": REPRESENTATIVE,
        "representative_contact": CONTACT,
        "received_on": _days(1).isoformat(),
    }
    response = client.post(reverse("convening:create"), data)
    assert response.status_code == 400 and "số cử tri" in response.content.decode()
    assert not ConveningRequest.objects.exists()


def test_luat72_d43_below_ten_percent_opens_no_duty(commune):
    item = _request(commune, voters=4321)
    requests.add_signatures(item, commune.ward.staff, supporters=432, scan=scan())
    item.refresh_from_db()
    assert item.supporters == 432 and item.state == RequestState.COLLECTING
    assert not PlanningDuty.objects.exists() and not Notification.objects.filter(kind="convening_threshold").exists()


def test_luat72_d43_reaching_ten_percent_opens_the_duty_and_tells_the_staff(commune):
    """Luật 72/2025/QH15 Điều 43 (tóm tắt): at 10% of the voters the commune must convene a dialogue."""
    item = _request(commune, voters=4321)
    requests.add_signatures(item, commune.ward.staff, supporters=400, scan=scan("ds-1.pdf"))
    requests.add_signatures(item, commune.ward.staff, supporters=33, scan=scan("ds-2.pdf"))
    item.refresh_from_db()
    assert item.supporters == 433 and item.state == RequestState.THRESHOLD_REACHED
    duty = PlanningDuty.objects.get(request=item)
    assert duty.opened_on == dates.today() and duty.owner is None and duty.fulfilled_on is None
    told = Notification.objects.filter(kind="convening_threshold", channel="in_app")
    assert set(told.values_list("recipient__username", flat=True)) == {"vanphong", "quantri"}
    assert "433" in told.first().body


def test_a_list_that_is_not_a_scan_is_refused_and_nothing_written(client, commune):
    """The signed lists pass the project's upload check (common/uploads.check_upload): scans only."""
    item = _request(commune)
    client.force_login(commune.ward.staff)
    html = SimpleUploadedFile("danh-sach.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(reverse("convening:add_signatures", args=[item.pk]), {"supporters": 500, "scan": html})
    assert response.status_code == 400 and "Nội dung tệp không phải loại được nhận" in response.content.decode()
    item.refresh_from_db()
    assert item.supporters == 0 and not SignatureList.objects.exists() and not PlanningDuty.objects.exists()


def test_an_agency_officer_cannot_add_a_list_and_nothing_is_written(client, commune):
    item = _request(commune)
    client.force_login(commune.ward.officer)
    response = client.post(reverse("convening:add_signatures", args=[item.pk]), {"supporters": 500, "scan": scan()})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.supporters == 0 and not SignatureList.objects.exists()


def test_signed_lists_download_only_for_staff_and_each_download_is_logged(client, commune):
    """The lists hold voters' names and signatures: personal data (Luật 91/2025/QH15), never public."""
    item = _request(commune)
    signed = requests.add_signatures(item, commune.ward.staff, supporters=10, scan=scan())
    url = reverse("convening:download", args=[item.pk, signed.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(commune.ward.officer)
    assert client.get(url).status_code == 403
    assert not PersonalDataAccess.objects.exists()
    client.force_login(commune.ward.staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    access = PersonalDataAccess.objects.get()
    assert access.user == commune.ward.staff and access.output == "file" and access.shown == 10


def test_the_representative_is_shown_to_staff_logged_and_redacted_for_others(client, commune):
    item = _request(commune)
    client.force_login(commune.ward.officer)
    page = client.get(reverse("convening:detail", args=[item.pk])).content.decode()
    assert REPRESENTATIVE not in page and "Ông/Bà L.T.X.M." in page
    assert not PersonalDataAccess.objects.exists()
    client.force_login(commune.ward.staff)
    page = client.get(reverse("convening:detail", args=[item.pk])).content.decode()
    assert REPRESENTATIVE in page and PersonalDataAccess.objects.filter(user=commune.ward.staff).count() == 1


def _reached(commune) -> ConveningRequest:
    item = _request(commune, voters=1000)
    requests.add_signatures(item, commune.ward.staff, supporters=100, scan=scan())
    item.refresh_from_db()
    return item


def test_only_the_administrator_assigns_owner_and_deadline(client, commune):
    """The owner and deadline follow the unit's rules: the administrator sets them; the staff cannot."""
    item = _reached(commune)
    data = {
        "owner": commune.committee.pk,
        "due_on": (dates.today() + datetime.timedelta(days=15)).isoformat(),
        "basis": "Quy chế làm việc của UBND phường, Điều 12",
    }
    client.force_login(commune.ward.staff)
    assert client.post(reverse("convening:assign", args=[item.pk]), data).status_code == 403
    duty = PlanningDuty.objects.get(request=item)
    assert duty.owner is None and duty.due_on is None
    client.force_login(commune.admin)
    assert client.post(reverse("convening:assign", args=[item.pk]), data).status_code == 302
    duty.refresh_from_db()
    assert duty.owner == commune.committee and duty.due_basis.startswith("Quy chế")


def test_a_deadline_before_the_duty_opened_is_refused(client, commune):
    item = _reached(commune)
    client.force_login(commune.admin)
    data = {"owner": commune.committee.pk, "due_on": _days(3).isoformat(), "basis": "Quy chế"}
    response = client.post(reverse("convening:assign", args=[item.pk]), data)
    assert response.status_code == 400
    assert PlanningDuty.objects.get(request=item).due_on is None


def test_luat72_d43_the_duty_is_fulfilled_when_a_dialogue_is_planned_from_it(client, commune):
    item = _reached(commune)
    planned = dialogue(commune, date=dates.today() + datetime.timedelta(days=20))
    cancelled = dialogue(commune, date=dates.today() + datetime.timedelta(days=21), status="cancelled")
    client.force_login(commune.ward.staff)
    response = client.post(reverse("convening:link", args=[item.pk]), {"dialogue": cancelled.pk})
    assert response.status_code == 400
    assert PlanningDuty.objects.get(request=item).dialogue is None
    assert client.post(reverse("convening:link", args=[item.pk]), {"dialogue": planned.pk}).status_code == 302
    duty = PlanningDuty.objects.get(request=item)
    item.refresh_from_db()
    assert duty.dialogue == planned and duty.fulfilled_on == dates.today() and item.state == RequestState.PLANNED


def test_telling_the_representative_is_recorded_never_in_the_future(client, commune):
    item = _request(commune)
    client.force_login(commune.ward.staff)
    url = reverse("convening:told", args=[item.pk])
    assert client.post(url, {"on": _days(0).isoformat(), "how": "Gọi điện"}).status_code == 400  # not reached yet
    item = _reached_same(commune, item)
    future = (dates.today() + datetime.timedelta(days=1)).isoformat()
    assert client.post(url, {"on": future, "how": "Gọi điện"}).status_code == 400
    item.refresh_from_db()
    assert item.told_on is None
    assert client.post(url, {"on": _days(0).isoformat(), "how": "Gửi thư qua bưu điện"}).status_code == 302
    item.refresh_from_db()
    assert item.told_on == dates.today() and item.told_how == "Gửi thư qua bưu điện"


def _reached_same(commune, item):
    requests.add_signatures(item, commune.ward.staff, supporters=item.threshold, scan=scan())
    item.refresh_from_db()
    return item


def test_a_duty_past_its_deadline_and_not_fulfilled_shows_late_on_the_list(client, commune):
    item = _reached(commune)
    PlanningDuty.objects.filter(request=item).update(owner=commune.committee, due_on=_days(1), due_basis="Quy chế")
    client.force_login(commune.ward.staff)
    assert "Trễ hạn" in client.get(reverse("convening:list")).content.decode()
    PlanningDuty.objects.filter(request=item).update(due_on=dates.today())
    assert "Trễ hạn" not in client.get(reverse("convening:list")).content.decode()


def test_luat72_d43_only_a_commune_convenes_at_its_voters_request(commune):
    """Điều 43 binds the commune-level government: a city records no voters or requests here."""
    city = commune.unit.parent
    with pytest.raises(requests.ConveningError):
        requests.record_voters(None, unit=city, as_of=_days(10), voters=100_000, source="DS")
    assert not VoterCount.objects.exists()
