"""Load what every deployment needs: levels and kinds, official calendar decisions, shipped profiles."""

from django.core.management.base import BaseCommand

from organizations.reference import load_reference
from regulations.loading import load_shipped_profiles
from workdays.loading import load_shipped_overrides


class Command(BaseCommand):
    help = "Nạp dữ liệu tham chiếu: cấp hành chính, loại tổ chức, chức vụ, lịch nghỉ chính thức, bộ quy định."

    def handle(self, *args, **options) -> None:
        rows = load_reference()
        overrides = load_shipped_overrides()
        profiles = load_shipped_profiles()
        self.stdout.write(
            f"Dữ liệu tham chiếu: {rows} dòng, {overrides} ngày điều chỉnh lịch, {len(profiles)} bộ quy định được ghi."
        )
