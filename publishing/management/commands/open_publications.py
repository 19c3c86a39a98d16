"""`open_publications`: open the publication duty of dialogues held before this app was installed (idempotent).

New held dialogues get theirs when they are held (publishing/signals.py); this catches up the older ones.
"""

from django.core.management.base import BaseCommand

from common.commands import VietnameseArgumentErrors
from dialogues.enums import HELD_STATUSES
from dialogues.models import Dialogue
from publishing.results import open_publication


class Command(VietnameseArgumentErrors, BaseCommand):
    help = "Mở việc công bố kết quả (Luật 72/2025/QH15 Điều 43) cho các hội nghị đã tổ chức mà chưa có."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không ghi")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        waiting = (
            Dialogue.objects.filter(status__in=HELD_STATUSES, publication__isnull=True)
            .select_related("unit__level", "profile")
            .order_by("pk")
        )
        opened = skipped = 0
        for dialogue in waiting.iterator(chunk_size=200):
            if dry_run:
                opened += 1
                continue
            if open_publication(dialogue) is None:
                skipped += 1  # no regulation binds it to publish (not a commune, or before the law)
            else:
                opened += 1
        verb = "Sẽ mở" if dry_run else "Đã mở"
        self.stdout.write(
            f"{verb} {opened} việc công bố kết quả; {skipped} hội nghị không thuộc diện phải công bố theo quy định."
        )
