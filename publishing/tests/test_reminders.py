"""Reminders to publish results before the 10-day deadline (Luật 72/2025/QH15 Điều 43, tóm tắt), written once each."""

import datetime

import pytest

from convening.tests.factories import dialogue
from notifications.models import Notification
from publishing.reminders import publication_reminders

pytestmark = pytest.mark.django_db


def test_luat72_d43_publication_due_and_overdue_reminders_once_each(commune):
    dialogue(commune, date=datetime.date(2026, 11, 5), status="held")  # due Monday 16/11/2026
    assert publication_reminders(datetime.date(2026, 11, 13)) == 2  # Friday: one working day left, to vanphong and quantri
    assert publication_reminders(datetime.date(2026, 11, 13)) == 0
    assert publication_reminders(datetime.date(2026, 11, 17)) == 2  # overdue
    assert publication_reminders(datetime.date(2026, 11, 18)) == 0
    subjects = set(Notification.objects.filter(kind="publication_due").values_list("subject", flat=True))
    assert subjects == {
        "Công bố kết quả đối thoại: còn 1 ngày làm việc (hạn 16/11/2026)",
        "Công bố kết quả đối thoại: đã quá hạn (hạn 16/11/2026)",
    }
