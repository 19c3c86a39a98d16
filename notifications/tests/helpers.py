"""Named people and a ready notification for the notification tests (no demo needed)."""

import datetime
import smtplib

from django.contrib.auth.models import User
from django.core.mail.backends.base import BaseEmailBackend

from notifications.outbox import notify


def person(username: str = "hoanganhtuan", email: str = "tuan@example.invalid") -> User:
    return User.objects.create_user(username, email=email, first_name="Hoàng Anh Tuấn")


def overdue(user: User, **options):
    """An overdue-answer notice for `user` (one row per channel)."""
    context = {
        "case": {"summary": "Đề nghị nạo vét mương thoát nước tổ 5"},
        "agency": {"name": "Phòng Kinh tế, Hạ tầng và Đô thị"},
        "due": datetime.date(2026, 5, 7),
        "rule": "07 ngày làm việc kể từ ngày ban hành thông báo kết luận (003 Điều 10.2)",
    }
    return notify(user, "answer_overdue", context=context, **options)


class FailingSMTP(BaseEmailBackend):
    """An email backend whose server refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
