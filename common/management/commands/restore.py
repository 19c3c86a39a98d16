"""`manage.py restore ARCHIVE`: restore a backup into an empty database and media folder, verified."""

from pathlib import Path

from django.core.management.base import BaseCommand

from common.backup import restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một tệp sao lưu vào cơ sở dữ liệu trống và thư mục tệp đính kèm trống; kiểm tra tổng kiểm "
        "trước khi ghi và số dòng từng bảng sau khi ghi."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="Tệp .tar.gz do lệnh backup tạo ra.")

    def handle(self, *args, archive: str, **options) -> None:
        summary = restore_backup(Path(archive))
        self.stdout.write(
            f"Đã khôi phục {summary.tables} bảng ({summary.rows} dòng) và {summary.files} tệp từ {summary.archive}; "
            "tổng kiểm và số dòng khớp bản kê."
        )
