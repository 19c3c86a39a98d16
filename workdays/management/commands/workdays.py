"""`python manage.py workdays after|before YYYY-MM-DD N`: count working days from the command line.

Prints the days skipped and their reasons, then the resulting ISO date as the last line.
A bad date or N prints a clear message and exits 2.
"""

import sys

from django.core.management.base import BaseCommand, CommandParser

from common.commands import VietnameseArgumentErrors
from workdays.calendar import MAX_DAYS, WorkCalendar
from workdays.inputs import BadInput, parse_count_request


class Command(VietnameseArgumentErrors, BaseCommand):
    help = "Tính ngày làm việc: 'after NGÀY N' (ngày làm việc thứ N sau NGÀY) hoặc 'before NGÀY N'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("direction", help="after | before")
        parser.add_argument("date", help="YYYY-MM-DD")
        parser.add_argument("days", help=f"1..{MAX_DAYS}")

    def fail(self, message: str) -> None:
        self.stderr.write(f"Lỗi: {message}")
        sys.exit(2)

    def handle(self, *args, direction: str, date: str, days: str, **options) -> None:
        if direction not in {"after", "before"}:
            self.fail(f"hướng tính phải là 'after' hoặc 'before', không phải '{direction}'.")
        try:
            event, count = parse_count_request(date, days)
        except BadInput as error:
            self.fail(str(error))
        calendar = WorkCalendar()
        result = calendar.after(event, count) if direction == "after" else calendar.before(event, count)
        for skipped in result.skipped:
            self.stdout.write(f"bỏ qua {skipped.date.isoformat()}: {skipped.reason}")
        self.stdout.write(result.date.isoformat())
