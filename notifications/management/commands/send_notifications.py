"""`python manage.py send_notifications`: one pass of the poller (cron every minute, or Celery beat)."""

from django.core.management.base import BaseCommand

from notifications.poller import run_once


class Command(BaseCommand):
    help = "Gửi các thông báo đến hạn (một lượt); chạy lại an toàn, hai tiến trình cùng lúc không gửi trùng."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000, help="số thông báo tối đa mỗi lượt")

    def handle(self, *args, batch: int = 1000, **options):
        outcome = run_once(batch)
        self.stdout.write(
            f"Đã nhận {outcome.claimed}, gửi {outcome.sent}, chờ gửi lại {outcome.retrying}, thất bại {outcome.failed}."
        )
