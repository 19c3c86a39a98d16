"""What the dossier, the answers and the conference outcomes still lack before a dialogue can be archived.

dialogues.lifecycle.archive refuses while any check here (or a pending step) lists something; the
checks are registered from DocumentsConfig.ready(), since the dialogues app knows none of these apps.
"""

from __future__ import annotations

from conference.proceedings import without_outcome
from dialogues.models import Dialogue
from petitions.enums import CaseStatus
from petitions.models import Case

from .dossier import checklist


def missing_dossier_items(dialogue: Dialogue) -> list[str]:
    """Checklist items neither generated, uploaded nor marked "not applicable" with a reason."""
    return [f"Hồ sơ thiếu: {item.rule.title}" for item in checklist(dialogue) if not item.complete]


def open_answers(dialogue: Dialogue) -> list[str]:
    """Matters of the dialogue not yet answered and closed (due or not)."""
    cases = Case.objects.filter(dialogue=dialogue).exclude(status=CaseStatus.CLOSED).select_related("agency")
    return [
        f"Ý kiến chưa trả lời xong: “{case.summary[:80]}”"
        f" ({case.agency.name if case.agency else 'chưa giao'}{f', hạn {case.due:%d/%m/%Y}' if case.due else ''})"
        for case in cases
    ]


def matters_without_outcome(dialogue: Dialogue) -> list[str]:
    """Matters with no outcome recorded at the conference (settled, written answer, escalated, verify)."""
    return [f"Ý kiến chưa ghi kết quả tại hội nghị: “{case.summary[:80]}”" for case in without_outcome(dialogue)]


CHECKS = (missing_dossier_items, open_answers, matters_without_outcome)
