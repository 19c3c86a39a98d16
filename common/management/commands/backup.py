"""`manage.py backup [--output FILE]`: one archive with the database, all media and a manifest of checksums."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from common.backup import create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và toàn bộ tệp đính kèm vào một tệp .tar.gz (kèm bản kê tổng kiểm SHA-256)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", "-o", help="Tệp sao lưu sẽ ghi (mặc định: var/backups/doithoai-<thời điểm>.tar.gz).")

    def handle(self, *args, output: str | None = None, **options) -> None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        archive = Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"doithoai-{stamp}.tar.gz"
        summary = create_backup(archive)
        self.stdout.write(
            f"Đã sao lưu {summary.tables} bảng ({summary.rows} dòng) và {summary.files} tệp vào {summary.archive}"
        )
