"""Two daily sources that read both the dialogue's steps and its matters, so they live in petitions (the
lowest app that knows both): the advising office's daily digest (003 Điều 13.2) and the host's briefing
N working days before the conference (003 Điều 8-9).

Registered in the notifications registry when petitions/reminders.py is imported. Queries are per day and
per office or dialogue, never per step or matter; dedupe keys carry the day (or the conference date).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse

from dialogues.enums import Status
from dialogues.models import Dialogue, ScheduleStep
from dialogues.reminders import host_logins
from notifications.outbox import notify
from notifications.recipients import advisers
from notifications.reminders import LISTED, register, reminder_days, window
from organizations.models import Organization
from workdays.calendar import WorkCalendar

from .enums import CaseStatus
from .models import Case


def briefing_days() -> int:
    """How many working days before the conference the host gets the briefing (NOTIFY_BRIEFING_DAYS, default 3)."""
    return int(getattr(settings, "NOTIFY_BRIEFING_DAYS", 3))


@register("petitions.office_digest")
def office_digest(day: datetime.date) -> int:
    """The advising office's daily digest: steps and answers of its dialogues overdue or due within N working days."""
    calendar = WorkCalendar()
    if not calendar.is_working_day(day):
        return 0
    horizon = calendar.after(day, max(reminder_days())).date
    steps = (
        ScheduleStep.objects.pending()
        .filter(due__lte=horizon, dialogue__advising_office__isnull=False)
        .select_related("dialogue")
        .order_by("due", "pk")
    )
    answers = (
        Case.objects.exclude(status=CaseStatus.CLOSED)
        .filter(due__lte=horizon, agency__isnull=False, dialogue__advising_office__isnull=False)
        .select_related("agency", "dialogue")
        .order_by("due", "pk")
    )
    per_office: dict[int, dict] = defaultdict(lambda: {"steps": [], "answers": []})
    for step in steps:
        per_office[step.dialogue.advising_office_id]["steps"].append(
            {
                "title": f"{step.get_code_display()} — {step.dialogue.title}",
                "due": step.due,
                "overdue": step.due < day,
                "citation": step.citation,
            }
        )
    for case in answers:
        per_office[case.dialogue.advising_office_id]["answers"].append(
            {"title": case.summary[:150], "agency": case.agency.name, "due": case.due, "overdue": case.due < day}
        )
    names = dict(Organization.objects.filter(pk__in=per_office).values_list("pk", "name"))
    written = 0
    for office_id, users in advisers(per_office).items():
        entry = per_office[office_id]
        items = entry["steps"] + entry["answers"]
        context = {
            "day": day,
            "office": names.get(office_id, ""),
            "steps": entry["steps"][:LISTED],
            "answers": entry["answers"][: max(0, LISTED - len(entry["steps"]))],
            "overdue": sum(1 for item in items if item["overdue"]),
            "soon": sum(1 for item in items if not item["overdue"]),
            "more": max(0, len(items) - LISTED),
        }
        for user in users:
            written += len(notify(user, "office_digest", context=context, dedupe_key=f"office_digest:{office_id}:{day}"))
    return written


@register("petitions.host_briefing")
def host_briefing(day: datetime.date) -> int:
    """N working days before the conference the hosts get the programme, opinions by field, answers ready or not."""
    calendar = WorkCalendar()
    if not calendar.is_working_day(day):
        return 0
    days = briefing_days()
    earliest, latest = window(calendar, day, days)
    dialogues = list(
        Dialogue.objects.filter(status__in=[Status.PLANNED, Status.ANNOUNCED], date__gt=earliest, date__lte=latest)
        .prefetch_related("hosts", "programme")
        .order_by("date", "pk")
    )
    if not dialogues:
        return 0
    hosts = host_logins(dialogues)
    by_field = defaultdict(list)
    for row in (
        Case.objects.filter(dialogue__in=dialogues)
        .values("dialogue_id", "field__name")
        .annotate(count=Count("pk"), ready=Count("pk", filter=Q(status__in=[CaseStatus.DRAFTED, CaseStatus.CLOSED])))
        .order_by("dialogue_id", "field__name")
    ):
        by_field[row["dialogue_id"]].append(row)
    missing = defaultdict(list)
    for case in (
        Case.objects.filter(dialogue__in=dialogues, status=CaseStatus.ASSIGNED).select_related("agency").order_by("due", "pk")
    ):
        if len(missing[case.dialogue_id]) < LISTED:
            missing[case.dialogue_id].append({"title": case.summary[:150], "agency": case.agency.name if case.agency else ""})
    written = 0
    for dialogue in dialogues:
        rows = by_field[dialogue.pk]
        total, ready = sum(row["count"] for row in rows), sum(row["ready"] for row in rows)
        context = {
            "dialogue": dialogue,
            "days": days,
            "programme": [
                {"time": f"{item.start_time:%H:%M}", "title": item.title, "who": item.who} for item in dialogue.programme.all()
            ],
            "fields": [{"name": row["field__name"] or "Chưa phân loại", "count": row["count"]} for row in rows],
            "total": total,
            "ready": ready,
            "not_ready": total - ready,
            "missing": missing[dialogue.pk],
        }
        for user in hosts.get(dialogue.pk, []):
            written += len(
                notify(
                    user,
                    "host_briefing",
                    subject_object=dialogue,
                    context=context,
                    dedupe_key=f"host_briefing:{dialogue.pk}:{dialogue.date}",
                    link=reverse("dialogues:detail", args=[dialogue.pk]),
                )
            )
    return written
