"""Walk-through findings on the notification bell (h4): the unread count must be readable on the red top bar."""

import os

import pytest
from django.contrib.auth.models import User

from notifications.models import NotificationChannel
from portal.tests.browser import chromium_page
from portal.tests.test_browser import log_in

from .helpers import overdue

pytestmark = pytest.mark.django_db(transaction=True)


def test_unread_count_is_not_white_on_white(demo_site):
    """The agency officer has an unread notice: its count shows in a colour unlike its background."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    overdue(User.objects.get(username="canbo"), channel=NotificationChannel.IN_APP)
    with chromium_page() as page:
        log_in(page, demo_site, "canbo")
        badge = page.query_selector(".topbar .bell .badge")
        assert badge is not None and badge.inner_text().strip().isdigit()
        colour, background = badge.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
        assert colour != background
        assert colour != "rgb(255, 255, 255)"  # white text on the (near-white) badge was the bug
