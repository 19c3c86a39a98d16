"""`python manage.py schedule --profile CODE --kind periodic|thematic|ad_hoc --date YYYY-MM-DD [--notice-date D] [--json]`.

Prints the schedule of a hypothetical dialogue without writing anything. Bad arguments or an
unknown profile print a clear message and exit 2.
"""

import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from common.commands import VietnameseArgumentErrors
from dialogues.enums import DialogueKind, StepCode
from dialogues.schedule import plan_schedule
from regulations.models import RegulationProfile
from workdays.inputs import FIRST_YEAR, LAST_YEAR


class Command(VietnameseArgumentErrors, BaseCommand):
    help = "Tính lịch các bước của một cuộc đối thoại giả định theo bộ quy định (không ghi gì vào CSDL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", required=True, help="mã bộ quy định, ví dụ hai-phong-1155-2023")
        parser.add_argument("--kind", required=True, help="periodic | thematic | ad_hoc")
        parser.add_argument("--date", required=True, help="ngày hội nghị, YYYY-MM-DD")
        parser.add_argument("--notice-date", help="ngày ban hành thông báo kết luận, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def fail(self, message: str) -> None:
        self.stderr.write(f"Lỗi: {message}")
        sys.exit(2)

    def parse_date(self, text: str, what: str) -> datetime.date:
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            self.fail(f"{what} '{text}' không hợp lệ; hãy nhập theo dạng YYYY-MM-DD.")
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.fail(f"{what} '{text}' nằm ngoài các năm {FIRST_YEAR}-{LAST_YEAR}.")
        return day

    def handle(self, *args, profile: str, kind: str, date: str, notice_date: str | None, json: bool, **options) -> None:
        if kind not in DialogueKind.values:
            self.fail(f"loại đối thoại '{kind}' không hợp lệ; dùng một trong: {', '.join(DialogueKind.values)}.")
        conference = self.parse_date(date, "Ngày hội nghị")
        notice = self.parse_date(notice_date, "Ngày thông báo kết luận") if notice_date else None
        if notice and notice < conference:
            self.fail("ngày thông báo kết luận không thể trước ngày hội nghị.")
        found = RegulationProfile.objects.filter(code=profile).prefetch_related("deadlines").first()
        if found is None:
            codes = ", ".join(RegulationProfile.objects.order_by("code").values_list("code", flat=True)) or "(chưa có)"
            self.fail(f"không có bộ quy định '{profile}'. Các bộ hiện có: {codes}.")
        steps = plan_schedule(found, kind, conference, notice)
        if json:
            self.stdout.write(_dumps({"steps": [step.as_json() for step in steps]}))
            return
        labels = dict(StepCode.choices)
        for step in steps:
            due = step.due.strftime("%d/%m/%Y") if step.due else "—"
            self.stdout.write(f"{str(labels[step.code]):<32} {due:<12} {step.explanation()}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
