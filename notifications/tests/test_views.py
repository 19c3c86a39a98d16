"""The bell and the notifications page: each user sees and marks only their own; marking is POST only."""

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification, NotificationChannel

from .helpers import overdue, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def tuan(client):
    user = person()
    client.force_login(user)
    return user


def test_bell_counts_unread_due_in_app_notices(client, tuan):
    overdue(tuan)
    overdue(tuan, due_at=timezone.now() + datetime.timedelta(days=1))  # not yet due: not shown
    overdue(person("lan", "lan@example.invalid"))  # someone else's
    page = client.get("/thong-bao/")
    assert page.status_code == 200
    body = page.content.decode()
    assert '<span class="badge">1</span>' in body
    assert body.count("Quá hạn trả lời ý kiến") == 1


def test_mark_read_then_the_count_drops(client, tuan):
    [row, _email] = overdue(tuan)
    assert client.get(f"/thong-bao/{row.pk}/da-doc/").status_code == 405
    assert client.post(f"/thong-bao/{row.pk}/da-doc/").status_code == 302
    row.refresh_from_db()
    assert row.read_at is not None
    assert 'class="badge"' not in client.get("/thong-bao/").content.decode()


def test_open_goes_to_the_link(client, tuan):
    [row, _email] = overdue(tuan, link="/y-kien/vu-viec/7/")
    response = client.post(f"/thong-bao/{row.pk}/da-doc/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/y-kien/vu-viec/7/"


def test_another_users_notice_is_not_found_and_stays_unread(client, tuan):
    [row, _email] = overdue(person("lan", "lan@example.invalid"))
    assert client.post(f"/thong-bao/{row.pk}/da-doc/").status_code == 404
    client.post("/thong-bao/da-doc-tat-ca/")
    assert Notification.objects.get(pk=row.pk).read_at is None


def test_mark_all_read(client, tuan):
    overdue(tuan)
    overdue(tuan, dedupe_key="second")
    client.post("/thong-bao/da-doc-tat-ca/")
    assert not Notification.objects.filter(recipient=tuan, channel=NotificationChannel.IN_APP, read_at__isnull=True).exists()


def test_page_needs_login(client):
    assert client.get("/thong-bao/").status_code == 302
