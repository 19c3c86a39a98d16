"""What supervision adds to a dialogue's dossier (000 mục 7; 002 IV.4.2; 003 Điều 15.2).

`items_for(dialogue)` lists, in the dossier's order, the escalation letters ("văn bản kiến nghị cấp
trên"), the directions for further handling, the Front's forecast and the findings, each with the
dossier item codes of the shipped profiles it belongs under, its date and its file when there is one.
The documents app decides where to place them (the lead wires it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models.fields.files import FieldFile

from dialogues.models import Dialogue

from .models import Direction, Escalation, Finding, Forecast

# Dossier item codes per kind, first match wins (regulations/profiles/*.yaml `dossier:`).
UPPER_LEVEL = ("upper_level_petitions", "upper_petitions", "other_documents")
DIRECTIONS = ("further_directions", "other_documents")
BEFORE = ("related_documents", "other_documents")
AFTER = ("results_reports", "result_reports", "other_documents")


@dataclass(frozen=True)
class DossierPart:
    item_codes: tuple[str, ...]
    title: str
    on: datetime.date | None
    text: str
    file: FieldFile | None = None
    file_name: str = ""


def items_for(dialogue: Dialogue) -> list[DossierPart]:
    """Four queries, whatever the number of rows. No petitioner data is in these rows."""
    parts: list[DossierPart] = []
    for forecast in Forecast.objects.filter(dialogue=dialogue).select_related("organization"):
        parts.append(
            DossierPart(
                BEFORE,
                f"Dự báo tình huống có thể xảy ra — {forecast.organization.name}",
                forecast.submitted_on,
                forecast.content,
                forecast.file or None,
                forecast.file_name,
            )
        )
    for row in Escalation.objects.filter(dialogue=dialogue).order_by("letter_date", "id"):
        reply = f"\nTrả lời ngày {row.replied_on:%d/%m/%Y}: {row.reply}" if row.replied_on else ""
        parts.append(
            DossierPart(
                UPPER_LEVEL,
                f"Văn bản kiến nghị cấp trên số {row.letter_number} gửi {row.upper_level}",
                row.letter_date,
                row.content + reply,
                row.letter_file or None,
                row.letter_file_name,
            )
        )
    for row in Direction.objects.filter(dialogue=dialogue).select_related("owner").order_by("directed_on", "id"):
        result = f"\nKết quả ({row.done_on:%d/%m/%Y}): {row.result}" if row.done_on else ""
        parts.append(DossierPart(DIRECTIONS, f"Chỉ đạo xử lý — giao {row.owner.name}", row.directed_on, row.content + result))
    for row in Finding.objects.filter(dialogue=dialogue).select_related("organization").order_by("found_on", "id"):
        reply = f"\nCơ quan trả lời ngày {row.replied_on:%d/%m/%Y}: {row.reply}" if row.replied_on else ""
        request = f"\nĐề nghị: {row.request}" if row.request else ""
        parts.append(
            DossierPart(AFTER, f"Kết quả giám sát — {row.organization.name}", row.found_on, row.finding + request + reply)
        )
    return parts
