"""The whole demo cycle: the dialogues of dialogues.demo, then the Gia Viên one archived like a real office would.

Archiving refuses while a step is pending or a dossier item is missing (Issue 11), so the 2025 dialogue,
entered after the fact, gets its remaining steps recorded on their dates and its paper dossier noted.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction

from dialogues import lifecycle
from dialogues.demo import PAST_ENTRY, load_demo_dialogues
from dialogues.enums import Status, StepCode, StepStatus
from dialogues.models import Dialogue
from documents import dossier

ARCHIVED_ON = datetime.date(2025, 12, 26)
PAPER_DOSSIER = "Hồ sơ giấy lưu tại Văn phòng Đảng ủy phường Gia Viên (hội nghị tổ chức trước khi đơn vị dùng hệ thống)."


@transaction.atomic
def load_all_dialogues() -> int:
    """Create the missing demo dialogues and archive the Gia Viên one; returns how many were created."""
    created = load_demo_dialogues()
    dialogue = Dialogue.objects.filter(unit__code="31-GIAVIEN", status=Status.CONCLUDED).first()
    if dialogue is None:
        return created
    admin = User.objects.get(username="quantri")
    for step in dialogue.steps.filter(status=StepStatus.PENDING).exclude(code=StepCode.ARCHIVE):
        done_on = min(step.due or dialogue.date, ARCHIVED_ON)
        lifecycle.complete_step(step, admin, max(done_on, dialogue.date) if step.code == StepCode.ANSWER else done_on)
    for item in dossier.checklist(dialogue):
        if not item.complete:
            dossier.not_applicable(dialogue, item.rule.code, f"{PAPER_DOSSIER} {PAST_ENTRY}")
    lifecycle.archive(dialogue, admin, ARCHIVED_ON)
    return created
