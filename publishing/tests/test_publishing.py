"""Publication of results within 10 days of the conference (Luật 72/2025/QH15 Điều 43, tóm tắt): one test per rule."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from convening.tests.factories import dialogue
from publishing import results
from publishing.models import Dispatch, Publication

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)
HELD = datetime.date(2026, 11, 5)  # a Thursday: +10 calendar days is Sunday 15/11, so the deadline moves to Monday 16/11


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("common.dates.today", lambda: TODAY)


def _held(commune, date=HELD, **kwargs):
    return dialogue(commune, date=date, status="held", **kwargs)


def _concluded(commune, issued=datetime.date(2026, 11, 12), date=HELD):
    found = _held(commune, date=date)
    found.status, found.conclusion_issued_on = "concluded", issued
    found.save()
    return found


def test_luat72_d43_a_held_dialogue_is_due_for_publication_10_calendar_days_after(commune):
    """Luật 72/2025/QH15 Điều 43 (tóm tắt): results published no later than 10 days after the conference."""
    publication = Publication.objects.get(dialogue=_held(commune))
    assert publication.due_on == datetime.date(2026, 11, 16)  # 15/11 is a Sunday (BLDS Điều 148)
    assert "Luật 72/2025/QH15 Điều 43" in publication.citation
    assert sorted(publication.dispatches.values_list("recipient", flat=True)) == [g.name for g in commune.groups]


def test_luat72_d43_binds_communes_only(commune):
    """The law's Điều 43 speaks of the commune: a dialogue of the city gets no publication duty from it."""
    city = commune.unit.parent
    _held(commune, unit=city, title="Đối thoại của Thành phố")
    assert not Publication.objects.exists()


def test_a_planned_dialogue_has_no_publication_yet(commune):
    dialogue(commune, date=datetime.date(2026, 12, 10))
    assert not Publication.objects.exists()


def test_headquarters_posting_never_in_the_future_nor_before_the_notice(client, commune):
    found = _held(commune)
    client.force_login(commune.ward.staff)
    url = reverse("publishing:headquarters", args=[found.pk])
    response = client.post(url, {"on": "2026-11-13"})
    assert response.status_code == 400 and "thông báo kết luận" in response.content.decode()  # no notice issued yet
    found.status, found.conclusion_issued_on = "concluded", datetime.date(2026, 11, 12)
    found.save()
    assert client.post(url, {"on": "2026-11-27"}).status_code == 400  # tomorrow
    assert client.post(url, {"on": "2026-11-11"}).status_code == 400  # before the notice
    publication = Publication.objects.get(dialogue=found)
    assert publication.headquarters_posted_on is None and publication.history.count() == 1


def test_an_agency_officer_cannot_record_and_nothing_is_written(client, commune):
    found = _concluded(commune)
    client.force_login(commune.ward.officer)
    assert client.post(reverse("publishing:headquarters", args=[found.pk]), {"on": "2026-11-13"}).status_code == 403
    ids = list(Dispatch.objects.values_list("pk", flat=True))
    assert (
        client.post(reverse("publishing:dispatch", args=[found.pk]), {"on": "2026-11-13", "dispatches": ids}).status_code == 403
    )
    assert not Dispatch.objects.filter(sent_on__isnull=False).exists()
    assert Publication.objects.get(dialogue=found).headquarters_posted_on is None


def _publish(client, found, on_hq: str, on_sent: str) -> Publication:
    ids = list(Dispatch.objects.filter(publication__dialogue=found, sent_on__isnull=True).values_list("pk", flat=True))
    assert client.post(reverse("publishing:headquarters", args=[found.pk]), {"on": on_hq}).status_code == 302
    assert client.post(reverse("publishing:dispatch", args=[found.pk]), {"on": on_sent, "dispatches": ids}).status_code == 302
    return Publication.objects.get(dialogue=found)


def test_luat72_d43_complete_on_the_last_of_portal_headquarters_and_heads(client, commune):
    """Portal (the notice's issue date), headquarters and every village head: complete on the last of them."""
    found = _concluded(commune, issued=datetime.date(2026, 11, 12))
    client.force_login(commune.ward.staff)
    ids = list(Dispatch.objects.values_list("pk", flat=True))
    client.post(reverse("publishing:dispatch", args=[found.pk]), {"on": "2026-11-14", "dispatches": ids[:1]})
    assert Publication.objects.get(dialogue=found).completed_on is None  # one head still waits
    publication = _publish(client, found, "2026-11-13", "2026-11-16")
    assert publication.completed_on == datetime.date(2026, 11, 16) and not publication.is_late(TODAY)
    board = client.get(reverse("publishing:board")).content.decode()
    assert found.title not in board  # on time: nothing to attend to
    assert found.title in client.get(reverse("publishing:board"), {"loc": "tat-ca"}).content.decode()


def test_luat72_d43_late_publication_shows_on_the_board_and_the_dialogue_page(client, commune):
    found = _concluded(commune)
    client.force_login(commune.ward.staff)
    publication = _publish(client, found, "2026-11-13", "2026-11-20")
    assert publication.completed_on == datetime.date(2026, 11, 20) and publication.is_late(TODAY)
    board = client.get(reverse("publishing:board"), {"loc": "tre-han"}).content.decode()
    assert found.title in board and "Trễ hạn" in board
    page = client.get(reverse("dialogues:detail", args=[found.pk])).content.decode()
    assert 'id="publication"' in page and "Trễ hạn" in page


def test_luat72_d43_open_past_its_due_date_is_late_and_not_yet_due_is_not(client, commune):
    overdue = _held(commune, title="Hội nghị tháng Mười Một")
    coming = _held(commune, date=datetime.date(2026, 11, 24), title="Hội nghị cuối tháng")
    client.force_login(commune.ward.staff)
    late = client.get(reverse("publishing:board"), {"loc": "tre-han"}).content.decode()
    assert overdue.title in late and coming.title not in late
    attention = client.get(reverse("publishing:board")).content.decode()
    assert overdue.title in attention and coming.title in attention


def test_heads_the_staff_keep_when_no_village_is_recorded(client, commune):
    """A commune with no village or residential group recorded: the staff add the heads, and each must be sent."""
    for group in commune.groups:
        group.is_active = False
        group.save()
    found = _concluded(commune)
    publication = Publication.objects.get(dialogue=found)
    assert not publication.dispatches.exists()
    results.record_headquarters(publication, commune.ward.staff, datetime.date(2026, 11, 13))
    publication.refresh_from_db()
    assert publication.completed_on is None  # nobody sent to yet: not complete
    client.force_login(commune.ward.staff)
    assert client.post(reverse("publishing:recipient", args=[found.pk]), {"name": "Trưởng thôn Đông"}).status_code == 302
    assert client.post(reverse("publishing:recipient", args=[found.pk]), {"name": "trưởng thôn đông"}).status_code == 400
    dispatch = publication.dispatches.get()
    client.post(reverse("publishing:dispatch", args=[found.pk]), {"on": "2026-11-14", "dispatches": [dispatch.pk]})
    publication.refresh_from_db()
    assert publication.completed_on == datetime.date(2026, 11, 14)


def test_board_paginates_in_sql_and_its_queries_do_not_grow(client, commune, django_assert_max_num_queries):
    client.force_login(commune.ward.staff)
    for n in range(3):
        _held(commune, title=f"Hội nghị số {n}")
    client.get(reverse("publishing:board"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("publishing:board"))
    for n in range(3, 60):
        _held(commune, title=f"Hội nghị số {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("publishing:board"))
    assert response.status_code == 200 and "Trang 1" in response.content.decode()


def test_open_publications_catches_up_dialogues_held_before_and_is_idempotent(commune):
    from django.core.management import call_command

    found = _held(commune)
    Publication.objects.all().delete()  # as if held before the app existed
    call_command("open_publications")
    call_command("open_publications")
    assert Publication.objects.filter(dialogue=found).count() == 1


def test_publication_page_shows_the_three_publications(client, commune):
    found = _concluded(commune)
    client.force_login(commune.ward.officer)  # reads, may not record
    page = client.get(reverse("publishing:detail", args=[found.pk])).content.decode()
    assert "12/11/2026" in page and "Tổ dân phố số 1" in page and "headquarters-form" not in page
    client.force_login(commune.ward.staff)
    page = client.get(reverse("publishing:detail", args=[found.pk])).content.decode()
    assert "headquarters-form" in page and "dispatch-form" in page
