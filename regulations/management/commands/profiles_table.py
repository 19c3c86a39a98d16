"""`python manage.py profiles_table`: print the README's table of the shipped regulation profiles as Markdown."""

from django.core.management.base import BaseCommand

from regulations.table import profiles_table


class Command(BaseCommand):
    help = "In bảng Markdown các hồ sơ quy định (chuỗi quy định cấp trên, số quy định, những gì chưa mô hình hóa)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(profiles_table(), ending="")
