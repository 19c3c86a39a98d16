"""`python manage.py remind_deadlines`: write today's reminders (daily; running it twice writes nothing new)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from common import dates
from notifications.reminders import run_all


class Command(BaseCommand):
    help = "Tạo nhắc hạn của ngày hôm nay (sắp đến hạn, quá hạn); chạy lại trong ngày không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày tính nhắc hạn, dạng YYYY-MM-DD (mặc định hôm nay)")

    def handle(self, *args, date: str | None = None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else dates.today()
        except ValueError:
            raise CommandError("Ngày không hợp lệ; dùng dạng YYYY-MM-DD.") from None
        for name, written in run_all(day).items():
            self.stdout.write(f"{name}: {written} thông báo mới ({day:%d/%m/%Y}).")
