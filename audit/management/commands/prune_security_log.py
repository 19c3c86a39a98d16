"""Remove security events older than AUDIT_RETENTION_DAYS (the jobs scheduler may run it daily)."""

from django.core.management.base import BaseCommand, CommandError

from audit.retention import prune
from common.commands import VietnameseArgumentErrors


class Command(VietnameseArgumentErrors, BaseCommand):
    help = "Xóa các sự kiện bảo mật cũ hơn thời hạn lưu (AUDIT_RETENTION_DAYS, mặc định 365 ngày)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xóa.")
        parser.add_argument("--days", type=int, default=None, help="Số ngày lưu (mặc định theo cấu hình).")

    def handle(self, *args, dry_run: bool = False, days: int | None = None, **options) -> None:
        if days is not None and days < 1:
            raise CommandError("Số ngày lưu phải từ 1 trở lên.")
        count = prune(days=days, dry_run=dry_run)
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(f"{verb} {count} sự kiện bảo mật.")
