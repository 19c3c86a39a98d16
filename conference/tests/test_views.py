"""Conference screens and their permissions."""

import datetime

import pytest

from conference import proceedings
from conference.models import Minutes, Speaker
from petitions.tests.helpers import user

from .test_proceedings import held  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(user(username))
    return client


def test_programme_page_prefills_from_the_profile(client, held):  # noqa: F811
    dialogue, _ = held
    html = login(client, "thuky").get(f"/hoi-nghi/{dialogue.pk}/").content.decode()
    assert dialogue.profile.agenda.first().title[:20] in html  # shown from the profile, saved on POST
    client.post(f"/hoi-nghi/{dialogue.pk}/chuong-trinh/")
    assert dialogue.programme.count() == dialogue.profile.agenda.count() > 0


def test_secretary_runs_the_queue_over_htmx(client, held):  # noqa: F811
    dialogue, _ = held
    login(client, "thuky")
    for name in ("Ông A", "Bà B"):
        client.post(f"/hoi-nghi/{dialogue.pk}/nguoi-phat-bieu/register/", {"name": name, "topic": "Môi trường", "minutes": "3"})
    response = client.post(f"/hoi-nghi/{dialogue.pk}/nguoi-phat-bieu/next/", HTTP_HX_REQUEST="true")
    assert 'id="now-speaking"' in response.content.decode() and "Ông A" in response.content.decode()
    hall = client.get(f"/hoi-nghi/{dialogue.pk}/man-hinh/", HTTP_HX_REQUEST="true").content.decode()
    assert "Ông/Bà A." in hall and "Ông/Bà B." in hall  # the public screen never shows full names
    assert "<strong>Ông A</strong>" not in hall and "<li>Bà B —" not in hall
    assert Speaker.objects.get(name="Ông A").limit_seconds == 180


def test_agency_officer_cannot_run_the_conference(client, held):  # noqa: F811
    dialogue, _ = held
    login(client, "canbo")
    assert client.get(f"/hoi-nghi/{dialogue.pk}/chu-tri/").status_code == 403
    assert client.post(f"/hoi-nghi/{dialogue.pk}/nguoi-phat-bieu/next/").status_code == 403


def test_minutes_autosave_and_conflict(client, held):  # noqa: F811
    dialogue, _ = held
    login(client, "thuky")
    client.get(f"/hoi-nghi/{dialogue.pk}/bien-ban/")
    ok = client.post(f"/hoi-nghi/{dialogue.pk}/bien-ban/", {"version": "0", "proceedings": "Khai mạc"}, HTTP_HX_REQUEST="true")
    assert 'id="minutes-saved"' in ok.content.decode() and 'value="1"' in ok.content.decode()
    login(client, "vanphong")
    stale = client.post(f"/hoi-nghi/{dialogue.pk}/bien-ban/", {"version": "0", "proceedings": "Ghi đè"}, HTTP_HX_REQUEST="true")
    assert 'id="minutes-conflict"' in stale.content.decode()
    assert Minutes.objects.get(dialogue=dialogue).proceedings == "Khai mạc"


def test_attendance_invite_check_in_and_walk_in(client, held):  # noqa: F811
    dialogue, _ = held
    group = dialogue.participant_groups.create(kind="residential", expected_count=2)
    group.organizations.set(dialogue.unit.organizations.filter(kind__code="residential_group"))
    login(client, "thuky")
    client.post(f"/hoi-nghi/{dialogue.pk}/diem-danh/", {"invite_plan": "1"})
    invitee = dialogue.invitees.first()
    client.post(f"/hoi-nghi/{dialogue.pk}/diem-danh/", {"code": invitee.code.lower()})
    client.post(f"/hoi-nghi/{dialogue.pk}/diem-danh/", {"name": "Bà Khách"})
    invitee.refresh_from_db()
    assert invitee.checked_in_at is not None
    assert dialogue.invitees.filter(walk_in=True, checked_in_at__isnull=False).count() == 1
    html = client.get(f"/hoi-nghi/{dialogue.pk}/diem-danh/", {"q": "Khách"}).content.decode()
    assert "Bà Khách" in html


def test_notice_page_issues_and_shows_recipients(client, held):  # noqa: F811
    dialogue, opinions = held
    proceedings.record_outcome(dialogue, user("vanphong"), opinions[0].case, "settled")
    login(client, "vanphong")
    client.post(f"/hoi-nghi/{dialogue.pk}/thong-bao-ket-luan/", {"issued_on": "2027-03-19"})
    dialogue.refresh_from_db()
    assert dialogue.status == "concluded" and dialogue.conclusion_issued_on == datetime.date(2027, 3, 19)
    html = client.get(f"/hoi-nghi/{dialogue.pk}/thong-bao-ket-luan/").content.decode()
    assert 'id="issued"' in html and "Ban Xây dựng Đảng" in html


def test_new_opinion_spoken_in_the_hall(client, held):  # noqa: F811
    dialogue, _ = held
    login(client, "thuky")
    client.post(f"/hoi-nghi/{dialogue.pk}/nguoi-phat-bieu/opinion/", {"content": "Đề nghị lắp camera ở ngã ba tổ 4"})
    petition = dialogue.petitions.get(content="Đề nghị lắp camera ở ngã ba tổ 4")
    assert petition.channel == "at_conference"


def test_reading_the_overview_and_the_minutes_writes_nothing(client, held):  # noqa: F811
    """Issue 11 finding 8: GET shows the programme the regulation gives; saving it is an explicit POST."""
    dialogue, _ = held
    login(client, "thuky")
    page = client.get(f"/hoi-nghi/{dialogue.pk}/").content.decode()
    assert 'id="build-programme"' in page
    client.get(f"/hoi-nghi/{dialogue.pk}/bien-ban/")
    assert not dialogue.programme.exists()
    from conference.models import Minutes

    assert not Minutes.objects.filter(dialogue=dialogue).exists()
    client.post(f"/hoi-nghi/{dialogue.pk}/chuong-trinh/")
    client.post(f"/hoi-nghi/{dialogue.pk}/chuong-trinh/")
    assert dialogue.programme.count() == dialogue.profile.agenda.count() > 0


def test_checking_in_twice_says_it_was_already_done(client, held):  # noqa: F811
    """Issue 11 finding 6: the second check-in says when the first was, and changes nothing."""
    dialogue, _ = held
    invitee = proceedings.add_walk_in(dialogue, "Ông Lâm")
    first = invitee.checked_in_at
    login(client, "thuky")
    response = client.post(f"/hoi-nghi/{dialogue.pk}/diem-danh/", {"code": invitee.code}, follow=True)
    assert "đã điểm danh lúc" in response.content.decode()
    invitee.refresh_from_db()
    assert invitee.checked_in_at == first


def test_a_refused_notice_keeps_what_was_typed(client, held):  # noqa: F811
    """Issue 11 finding 6: the duties typed stay in the form when the notice is refused (here: too late)."""
    dialogue, _ = held
    login(client, "vanphong")
    duties = "Theo dõi, tổng hợp kết quả trả lời trước ngày 15/4/2027"
    response = client.post(f"/hoi-nghi/{dialogue.pk}/thong-bao-ket-luan/", {"issued_on": "2027-03-30", "duties": duties})
    assert response.status_code == 400
    assert duties in response.content.decode()
    dialogue.refresh_from_db()
    assert dialogue.status == "held"
