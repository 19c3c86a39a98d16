"""`python manage.py report mau1 --unit CODE --period 2026-Q1|2026-H1|2026-9M|2026 [--json] [--out FILE.xlsx]`.

Prints Mẫu 1's rows and totals (JSON with --json) and writes the XLSX with --out. An unknown unit or a
malformed period prints a clear Vietnamese message and exits 2.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from common.commands import VietnameseArgumentErrors
from reports import mau1
from reports.inputs import read_request
from reports.periods import BadPeriod
from reports.xlsx import mau1_xlsx


class Command(VietnameseArgumentErrors, BaseCommand):
    help = "Báo cáo Mẫu 1 (bảng tổng hợp kết quả đối thoại) của một đơn vị và các đơn vị trực thuộc trong một kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("form", choices=["mau1"], help="mau1")
        parser.add_argument("--unit", required=True, help="mã đơn vị hành chính")
        parser.add_argument("--period", required=True, help="2026-Q1, 2026-H1, 2026-9M hoặc 2026")
        parser.add_argument("--json", action="store_true", dest="as_json", help="in dạng JSON")
        parser.add_argument("--out", help="ghi tệp XLSX")

    def fail(self, message: str) -> None:
        self.stderr.write(f"Lỗi: {message}")
        sys.exit(2)

    def handle(self, *args, form: str, unit: str, period: str, as_json: bool = False, out: str | None = None, **options):
        try:
            found, when = read_request(unit, period)
        except BadPeriod as error:
            self.fail(str(error))
        if out and not out.lower().endswith(".xlsx"):
            self.fail(f"tệp ra '{out}' phải có đuôi .xlsx.")
        table = mau1.build(found, when)
        if out:
            Path(out).write_bytes(mau1_xlsx(table))
            self.stderr.write(f"Đã ghi {out}")
        if as_json:
            self.stdout.write(json.dumps(table.as_dict(), ensure_ascii=False, indent=2))
        elif not out:
            for row in table.rows:
                self.stdout.write(f"{row.number}. {row.date} {row.title} ({row.kind}) — kiến nghị {row.counts['petitions']}")
            for kind, counts in table.totals.items():
                self.stdout.write(f"Tổng {kind}: {counts}")
