"""`python manage.py anonymise_closed_cases [--dry-run] [--days N]`: the retention run (nightly by Celery beat).

With --dry-run it only lists the matters that would lose their petitioners' personal data.
"""

import sys

from django.core.management.base import BaseCommand, CommandParser

from common.commands import VietnameseArgumentErrors
from petitions.retention import RetentionError, anonymise_closed_cases


class Command(VietnameseArgumentErrors, BaseCommand):
    help = "Ẩn danh dữ liệu cá nhân của người kiến nghị trong các vụ việc đã kết thúc quá thời hạn lưu (giữ số liệu thống kê)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không thay đổi gì")
        parser.add_argument("--days", type=int, help="thời hạn lưu (ngày); mặc định PERSONAL_DATA_RETENTION_DAYS")

    def handle(self, *args, dry_run: bool, days: int | None, **options) -> None:
        try:
            result = anonymise_closed_cases(days=days, dry_run=dry_run)
        except RetentionError as error:
            self.stderr.write(f"Lỗi: {error}")
            sys.exit(2)
        for case in result.cases:
            self.stdout.write(f"#{case.pk}\t{case.approved_on:%d/%m/%Y}\t{case.unit.name}\t{case.summary[:60]}")
        verb = "Sẽ ẩn danh" if dry_run else "Đã ẩn danh"
        self.stdout.write(
            f"{verb}: {len(result.cases)} vụ việc kết thúc đến hết ngày {result.cutoff:%d/%m/%Y}, "
            f"{result.petitioners} người kiến nghị, xóa {result.attachments} tệp đính kèm."
        )
        for name, count in result.others.items():
            self.stdout.write(f"{verb} ({name}): {count}")
