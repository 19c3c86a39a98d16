"""`python manage.py reporting --profile CODE --year YYYY [--json]`: the reporting duties of a profile for a year.

A bad profile or year prints a clear Vietnamese message and exits 2.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from common.commands import VietnameseArgumentErrors
from regulations.models import RegulationProfile
from reports.duties import profile_duties
from reports.periods import BadPeriod, parse_year


class Command(VietnameseArgumentErrors, BaseCommand):
    help = "Lịch báo cáo của một bộ quy định trong một năm: kỳ, hạn (ngày làm việc), căn cứ, nơi gửi, nơi nhận."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", required=True, help="mã bộ quy định, ví dụ tan-ky-2025")
        parser.add_argument("--year", required=True, help="năm, ví dụ 2026")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def fail(self, message: str) -> None:
        self.stderr.write(f"Lỗi: {message}")
        sys.exit(2)

    def handle(self, *args, profile: str, year: str, json: bool = False, **options) -> None:
        try:
            number = parse_year(year)
        except BadPeriod as error:
            self.fail(str(error))
        found = RegulationProfile.objects.filter(code=profile).first()
        if found is None:
            known = ", ".join(RegulationProfile.objects.order_by("code").values_list("code", flat=True))
            self.fail(f"không có bộ quy định mã '{profile}'. Các mã hiện có: {known or '(chưa nạp bộ nào)'}.")
        duties = profile_duties(found, number)
        if json:
            self.stdout.write(_dumps([duty.as_dict() for duty in duties]))
            return
        for duty in duties:
            due = duty.due.strftime("%d/%m/%Y") if duty.due else "không có hạn"
            self.stdout.write(
                f"{duty.period.label}: {duty.form} — hạn {due} ({duty.citation}) — {duty.sender} → {duty.recipient}"
            )


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
