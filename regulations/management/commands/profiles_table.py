"""`python manage.py profiles_table`: print the README's table of the shipped regulation profiles as Markdown.

With `--readme README.md` it replaces the block between the README's markers instead (nothing else of the file).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regulations.table import profiles_table

START, END = "<!-- profiles_table:start -->\n", "\n<!-- profiles_table:end -->"


def replace_block(text: str, table: str) -> str:
    """The text with the block between the markers replaced by the table."""
    if START not in text or END not in text:
        raise CommandError(f"Không thấy cặp dấu {START.strip()} … {END.strip()} trong tệp.")
    head, rest = text.split(START, 1)
    return head + START + table.rstrip("\n") + END + rest.split(END, 1)[1]


class Command(BaseCommand):
    help = (
        "In bảng Markdown các hồ sơ quy định (chuỗi quy định cấp trên, số quy định, những gì chưa mô hình hóa); "
        "với --readme TỆP: thay khối giữa <!-- profiles_table:start --> và <!-- profiles_table:end --> của tệp đó."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--readme", type=Path, help="Tệp README cần thay khối bảng (chỉ khối đó đổi).")

    def handle(self, *args, readme: Path | None = None, **options) -> None:
        table = profiles_table()
        if readme is None:
            self.stdout.write(table, ending="")
            return
        readme.write_text(replace_block(readme.read_text(encoding="utf-8"), table), encoding="utf-8")
        self.stdout.write(f"Đã cập nhật bảng hồ sơ trong {readme}.")
