"""`python manage.py workdays after|before YYYY-MM-DD N`: count working days from the command line.

Prints the days skipped and their reasons, then the resulting ISO date as the last line.
A bad date or N prints a clear message and exits 2.
"""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandParser

from workdays.calendar import MAX_DAYS, WorkCalendar


class Command(BaseCommand):
    help = "Tính ngày làm việc: 'after NGÀY N' (ngày làm việc thứ N sau NGÀY) hoặc 'before NGÀY N'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("direction", help="after | before")
        parser.add_argument("date", help="YYYY-MM-DD")
        parser.add_argument("days", help=f"1..{MAX_DAYS}")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, direction: str, date: str, days: str, **options) -> None:
        if direction not in {"after", "before"}:
            self.fail(f"Lỗi: hướng tính phải là 'after' hoặc 'before', không phải '{direction}'.")
        try:
            event = datetime.date.fromisoformat(date)
        except ValueError:
            self.fail(f"Lỗi: ngày '{date}' không hợp lệ; hãy nhập theo dạng YYYY-MM-DD, ví dụ 2026-01-05.")
        try:
            count = int(days)
        except ValueError:
            count = 0
        if not 1 <= count <= MAX_DAYS or not days.strip().isdigit():
            self.fail(f"Lỗi: số ngày '{days}' không hợp lệ; hãy nhập số nguyên từ 1 đến {MAX_DAYS}.")
        calendar = WorkCalendar()
        try:
            result = calendar.after(event, count) if direction == "after" else calendar.before(event, count)
        except OverflowError:
            self.fail("Lỗi: kết quả vượt ra ngoài khoảng ngày tính được.")
        for skipped in result.skipped:
            self.stdout.write(f"bỏ qua {skipped.date.isoformat()}: {skipped.reason}")
        self.stdout.write(result.date.isoformat())
