"""Sessions by cluster of villages or residential groups (Luật 72/2025/QH15 Điều 43, summarised: a large commune may
hold its dialogue by clusters): one dialogue, several sessions, each with its place, time, attendance and minutes."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.tests import files
from conference import sessions
from conference.models import DialogueSession
from dialogues.models import Dialogue
from petitions.tests.factories import hong_an_ward
from regulations.models import RegulationProfile
from reports.mau1 import build
from reports.periods import Period

pytestmark = pytest.mark.django_db
D = datetime.date
T = datetime.time
TODAY = D(2026, 11, 26)
HELD = D(2026, 11, 20)


@pytest.fixture
def ward(db, monkeypatch):
    from common import dates

    monkeypatch.setattr(dates, "today", lambda: TODAY)
    return hong_an_ward()


@pytest.fixture
def dialogue(ward):
    """Phường Hồng An's dialogue of 20/11/2026, held in three clusters of residential groups."""
    return Dialogue.objects.create(
        unit=ward.unit,
        title="Đối thoại năm 2026 theo cụm tổ dân phố",
        kind="periodic",
        date=D(2026, 11, 20),
        profile=RegulationProfile.objects.get(code="hong-an-qt-vp12"),
        status="held",
    )


def add(dialogue, user, cluster="Cụm 1: tổ 1-5", day=HELD):
    return sessions.add_session(dialogue, user, cluster=cluster, venue="Nhà văn hóa tổ 3", date=day, start_time=T(8, 0))


def test_luat_72_dieu_43_one_dialogue_held_in_several_cluster_sessions_counts_once(ward, dialogue):
    """Three sessions, 120 + 95 + 80 people present: Mẫu 1 has ONE row for the dialogue with 295 participants."""
    for number, (cluster, present) in enumerate([("Cụm 1", 120), ("Cụm 2", 95), ("Cụm 3", 80)]):
        session = add(dialogue, ward.staff, cluster, D(2026, 11, 18 + number))
        sessions.record_session(session, ward.staff, attendance=present)
    assert sessions.session_totals(dialogue) == {"sessions": 3, "held": 3, "present": 295}
    table = build(ward.unit, Period(2026))
    assert len(table.rows) == 1 and table.rows[0].dialogue_id == dialogue.pk
    assert table.rows[0].counts["participants"] == 295
    assert Dialogue.objects.filter(unit=ward.unit).count() == 1


def test_minutes_are_checked_stored_and_downloaded_as_an_attachment(client, ward, dialogue):
    session = add(dialogue, ward.staff)
    client.force_login(ward.staff)
    upload = SimpleUploadedFile("bien-ban-cum-1.pdf", files.PDF, content_type="application/pdf")
    response = client.post(
        f"/hoi-nghi/{dialogue.pk}/phien/{session.pk}/ghi-nhan/", {"attendance": "57", "held_on": "2026-11-20", "minutes": upload}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.attendance, session.held_on) == (57, D(2026, 11, 20)) and session.minutes_file
    download = client.get(f"/hoi-nghi/{dialogue.pk}/phien/{session.pk}/bien-ban/")
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"
    assert session.history.count() == 2


def test_a_file_that_is_not_minutes_is_refused_and_nothing_is_written(client, ward, dialogue):
    session = add(dialogue, ward.staff)
    client.force_login(ward.staff)
    bad = SimpleUploadedFile("bien-ban.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(f"/hoi-nghi/{dialogue.pk}/phien/{session.pk}/ghi-nhan/", {"attendance": "57", "minutes": bad})
    assert response.status_code == 400 and "không phải loại được nhận" in response.content.decode()
    session.refresh_from_db()
    assert session.attendance is None and not session.minutes_file and session.history.count() == 1


def test_a_session_held_after_today_is_refused_and_nothing_is_written(ward, dialogue):
    """Dates of record are never in the future (common/dates.py): today is 26/11/2026."""
    session = add(dialogue, ward.staff, day=D(2026, 12, 5))
    with pytest.raises(sessions.SessionRefused, match="không được sau ngày hôm nay"):
        sessions.record_session(session, ward.staff, attendance=40)
    session.refresh_from_db()
    assert session.attendance is None and session.held_on is None


def test_the_same_cluster_twice_and_bad_input_are_refused_with_a_message(client, ward, dialogue):
    add(dialogue, ward.staff, "Cụm 1")
    client.force_login(ward.staff)
    url = f"/hoi-nghi/{dialogue.pk}/phien/"
    twice = client.post(url, {"cluster": "cụm 1", "venue": "Trụ sở", "date": "2026-11-21", "start_time": "08:00"})
    assert twice.status_code == 400 and "đã có phiên" in twice.content.decode()
    no_date = client.post(url, {"cluster": "Cụm 2", "venue": "Trụ sở", "date": "ngày mai", "start_time": "08:00"})
    assert no_date.status_code == 400
    backwards = client.post(
        url, {"cluster": "Cụm 2", "venue": "Trụ sở", "date": "2026-11-21", "start_time": "09:00", "end_time": "08:00"}
    )
    assert backwards.status_code == 400
    assert DialogueSession.objects.count() == 1


def test_an_agency_officer_reads_but_cannot_add_or_record(client, ward, dialogue):
    session = add(dialogue, ward.staff)
    client.force_login(ward.officer)
    assert client.get(f"/hoi-nghi/{dialogue.pk}/phien/").status_code == 200
    denied = client.post(
        f"/hoi-nghi/{dialogue.pk}/phien/", {"cluster": "Cụm 9", "venue": "X", "date": "2026-11-21", "start_time": "08:00"}
    )
    assert denied.status_code == 403
    assert client.post(f"/hoi-nghi/{dialogue.pk}/phien/{session.pk}/ghi-nhan/", {"attendance": "5"}).status_code == 403
    session.refresh_from_db()
    assert DialogueSession.objects.count() == 1 and session.attendance is None


def test_the_api_adds_lists_and_records_sessions(client, ward, dialogue):
    client.force_login(ward.staff)
    base = f"/api/v1/conference/dialogues/{dialogue.pk}/sessions"
    created = client.post(
        base,
        {"cluster": "Cụm 4: tổ 16-20", "venue": "Sân tổ 18", "date": "2026-11-19", "start_time": "19:00"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    session_id = created.json()["id"]
    recorded = client.post(
        f"/api/v1/conference/sessions/{session_id}/record", {"attendance": 64}, content_type="application/json"
    )
    assert recorded.status_code == 200 and recorded.json()["held_on"] == "2026-11-19"
    listed = client.get(base).json()
    assert (listed["count"], listed["held"], listed["present"]) == (1, 1, 64)
    refused = client.post(
        base,
        {"cluster": "Cụm 4: tổ 16-20", "venue": "X", "date": "2026-11-19", "start_time": "19:00"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and DialogueSession.objects.count() == 1
    client.force_login(ward.officer)
    assert (
        client.post(
            base, {"cluster": "Cụm 5", "venue": "X", "date": "2026-11-19", "start_time": "19:00"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert DialogueSession.objects.count() == 1
