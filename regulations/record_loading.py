"""Load the record rules of a profile file: `archive_incomplete`, `media_channels`, `duties`, `after_dialogue_reports`,
and `voter_request` (the share of voters whose request obliges a dialogue).

Called by loading._write_children; the keys are described in profiles/SCHEMA.md.
"""

from __future__ import annotations

from .models import AfterDialogueReportRule, ArchiveRule, DutyRule, MediaChannel, RegulationProfile, VoterRequestRule

RECORD_RELATIONS = ["archive_rules", "media_channels", "duties", "after_dialogue_reports", "voter_requests"]


def _text(row: dict) -> dict:
    return {"citation": row.get("citation") or "", "quote": row.get("quote") or "", "note": row.get("note") or ""}


def write_record_rules(profile: RegulationProfile, data: dict) -> None:
    rule = data.get("archive_incomplete")
    if rule:
        ArchiveRule.objects.create(profile=profile, incomplete=rule.get("incomplete") or "refused", **_text(rule))
    for order, row in enumerate(data.get("media_channels") or [], start=1):
        MediaChannel.objects.create(profile=profile, code=row["code"], name=row["name"], order=order, **_text(row))
    for order, row in enumerate(data.get("duties") or [], start=1):
        DutyRule.objects.create(
            profile=profile,
            code=row["code"],
            title=row["title"],
            owner_kind=row["owner_kind"],
            with_kind=row.get("with_kind") or "",
            days_before=row.get("days_before") or 0,
            dossier_item=row.get("dossier_item") or "",
            order=order,
            **_text(row),
        )
    for order, row in enumerate(data.get("after_dialogue_reports") or [], start=1):
        AfterDialogueReportRule.objects.create(
            profile=profile,
            hosts=list(row.get("hosts") or []),
            deadline=row["deadline"],
            by=row.get("by") or "",
            to=row.get("to") or "",
            order=order,
            **_text(row),
        )
    rule = data.get("voter_request")
    if rule:
        summary = bool(rule.get("summary", data.get("summary")))
        VoterRequestRule.objects.create(profile=profile, percent=rule["percent"], is_summary=summary, **_text(rule))
