"""Lịch đối thoại: announced dialogues only, by province and commune, a dialogue's page, the iCalendar feed."""

import datetime

import pytest
from django.urls import reverse

from conference.models import ProgrammeItem
from dialogues import lifecycle
from dialogues.models import Dialogue, ScheduleStep
from portal import ical

from .public_helpers import announced, planned, staff

pytestmark = pytest.mark.django_db


def test_schedule_lists_announced_dialogues_never_drafts_or_cancelled(client, demo):
    shown = announced(title="Đối thoại định kỳ quý I")
    planned(title="Bản nháp chưa công bố")
    cancelled = announced(datetime.date(2027, 3, 24), title="Hội nghị đã hủy")
    lifecycle.cancel(cancelled, staff(), "Bão lớn")
    response = client.get(reverse("portal:schedule"))
    assert response.status_code == 200
    body = response.content.decode()
    assert shown.title in body
    assert "Bản nháp chưa công bố" not in body and "Hội nghị đã hủy" not in body


def test_upcoming_and_past_are_separate(client, demo):
    coming = announced(title="Sắp tới")
    past = announced(datetime.date(2027, 3, 24), title="Đã qua rồi")
    Dialogue.objects.filter(pk=past.pk).update(date=datetime.date(2026, 1, 14))  # test setup: a dialogue held long ago
    response = client.get(reverse("portal:schedule"))
    assert [d.pk for d in response.context["upcoming"]] == [coming.pk]
    assert [d.pk for d in response.context["past"]] == [past.pk]


def test_filter_by_commune_and_by_province(client, demo):
    dialogue = announced()
    commune = dialogue.unit
    province = commune.path.strip("/").split("/")[0]
    assert client.get(reverse("portal:schedule"), {"xa": commune.code}).context["upcoming"][0] == dialogue
    assert list(client.get(reverse("portal:schedule"), {"tinh": province}).context["upcoming"]) == [dialogue]
    other = client.get(reverse("portal:schedule"), {"xa": "KHONG-CO"})
    assert other.status_code == 200 and other.context["commune"] is None


def test_dialogue_page_shows_when_where_hosts_and_the_collection_deadline(client, demo):
    dialogue = announced(venue="Hội trường UBND phường")
    url = reverse("portal:dialogue", args=[dialogue.pk])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hội trường UBND phường" in body
    assert dialogue.hosts.first().person.full_name in body
    assert "không đặt thời hạn riêng" in body  # Hồng An's profile sets no deadline for collecting opinions
    assert f"hoi-nghi={dialogue.pk}" in body  # the link to send an opinion for this dialogue
    # A profile that sets a deadline for collecting opinions:
    ScheduleStep.objects.filter(dialogue=dialogue, code="collect").update(due=datetime.date(2027, 3, 3))
    assert "được thu thập đến ngày 03/03/2027" in client.get(url).content.decode()


def test_programme_appears_once_there_is_one(client, demo):
    dialogue = announced()
    url = reverse("portal:dialogue", args=[dialogue.pk])
    assert "Chương trình" not in client.get(url).content.decode()
    ProgrammeItem.objects.create(dialogue=dialogue, order=1, title="Khai mạc hội nghị", start_time="07:30", end_time="07:45")
    body = client.get(url).content.decode()
    assert "Chương trình" in body and "Khai mạc hội nghị" in body


def test_a_draft_dialogue_page_is_not_found(client, demo):
    draft = planned()
    assert client.get(reverse("portal:dialogue", args=[draft.pk])).status_code == 404


def test_ical_feed_has_one_event_per_announced_dialogue(client, demo):
    dialogue = announced(title="Đối thoại về đất đai, nhà ở; môi trường")
    planned()
    response = client.get(reverse("portal:calendar_feed", args=[dialogue.unit.code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Đối thoại về đất đai\\, nhà ở\\; môi trường" in text.replace("\r\n ", "")
    assert f"DTSTART;TZID=Asia/Ho_Chi_Minh:{dialogue.date:%Y%m%d}T073000" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("END:VCALENDAR\r\n")


def test_ical_unknown_unit_is_not_found(client, demo):
    assert client.get(reverse("portal:calendar_feed", args=["KHONG-CO"])).status_code == 404


def test_folding_never_splits_a_vietnamese_character():
    line = "SUMMARY:" + "Hội nghị đối thoại " * 12
    folded = ical.fold(line)
    parts = folded.split("\r\n ")
    assert len(parts) > 2
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == line


def test_escaping_follows_rfc_5545():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_visitors_get_the_public_home_and_staff_keep_theirs(client, demo):
    dialogue = announced()
    body = client.get("/").content.decode()
    assert "Gửi ý kiến" in body and dialogue.title in body
    client.force_login(staff())
    assert "Xin chào" in client.get("/").content.decode()
