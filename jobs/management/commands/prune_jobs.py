"""`python manage.py prune_jobs [--days N]`: delete old finished jobs and their files (nightly by Celery beat)."""

import sys

from django.core.management.base import BaseCommand, CommandParser

from common.commands import VietnameseArgumentErrors
from jobs.pruning import prune_jobs


class Command(VietnameseArgumentErrors, BaseCommand):
    help = "Xóa các công việc chạy nền đã xong quá thời hạn giữ kết quả (mặc định JOB_RESULT_DAYS) cùng tệp kết quả."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, help="thời hạn giữ (ngày)")

    def handle(self, *args, days: int | None, **options) -> None:
        try:
            count = prune_jobs(days)
        except ValueError as error:
            self.stderr.write(f"Lỗi: {error}")
            sys.exit(2)
        self.stdout.write(f"Đã xóa {count} công việc cũ.")
