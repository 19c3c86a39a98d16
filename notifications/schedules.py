"""The daily sources that read the domain: digests, the host's briefing, the conclusion notice awaiting issue,
reporting duties due. Each is `source(day) -> rows written`, run by `remind_deadlines` on working days.

The core of the app (outbox, poller, channels) knows no domain; these sources read dialogues, petitions
and reports, and every row they write carries a dedupe key with its day (or week, or deadline), so a
second run on the same day writes nothing. Queries are per day or per unit, never per matter or step.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.urls import reverse

from dialogues.enums import Status, StepCode, StepStatus
from dialogues.models import Dialogue, ScheduleStep
from organizations.enums import Role
from organizations.models import Membership, Organization
from petitions.enums import CaseStatus
from petitions.models import Case
from workdays.calendar import WorkCalendar

from .models import Notification, NotificationState
from .outbox import notify
from .reminders import register, reminder_days, window

LISTED = 30  # items named in one digest; the rest are counted


def briefing_days() -> int:
    """How many working days before the conference the host gets the briefing (NOTIFY_BRIEFING_DAYS, default 3)."""
    return int(getattr(settings, "NOTIFY_BRIEFING_DAYS", 3))


def report_days() -> tuple[int, ...]:
    """How many working days before a reporting duty its owners are reminded (NOTIFY_REPORT_DAYS, default 5 and 1)."""
    return tuple(sorted(set(getattr(settings, "NOTIFY_REPORT_DAYS", (5, 1))), reverse=True))


def _users(memberships) -> dict[int, list[User]]:
    """Users per organisation (each once), from an iterable of memberships with their user loaded."""
    found: dict[int, dict[int, User]] = defaultdict(dict)
    for membership in memberships:
        found[membership.organization_id][membership.user_id] = membership.user
    return {key: list(users.values()) for key, users in found.items()}


def _hosts(dialogues: list[Dialogue]) -> dict[int, list[User]]:
    """The logins of each dialogue's hosts (memberships linked to the host's person record); one query."""
    people = defaultdict(set)
    for dialogue in dialogues:
        for host in dialogue.hosts.all():
            people[host.person_id].add(dialogue.pk)
    found: dict[int, dict[int, User]] = defaultdict(dict)
    rows = Membership.objects.filter(person_id__in=people, user__is_active=True).select_related("user")
    for membership in rows:
        for dialogue_id in people[membership.person_id]:
            found[dialogue_id][membership.user_id] = membership.user
    return {key: list(users.values()) for key, users in found.items()}


def _advisers(office_ids) -> dict[int, list[User]]:
    rows = Membership.objects.filter(
        organization_id__in=office_ids, role=Role.ADVISING_STAFF, user__is_active=True
    ).select_related("user")
    return _users(rows)


@register("notifications.office_digest")
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
    per_office: dict[int, dict] = defaultdict(lambda: {"steps": [], "answers": [], "name": ""})
    for step in steps:
        entry = per_office[step.dialogue.advising_office_id]
        entry["steps"].append(
            {
                "title": f"{step.get_code_display()} — {step.dialogue.title}",
                "due": step.due,
                "overdue": step.due < day,
                "citation": step.citation,
            }
        )
    for case in answers:
        entry = per_office[case.dialogue.advising_office_id]
        entry["answers"].append(
            {"title": case.summary[:150], "agency": case.agency.name, "due": case.due, "overdue": case.due < day}
        )
    names = dict(Organization.objects.filter(pk__in=per_office).values_list("pk", "name"))
    written = 0
    for office_id, users in _advisers(per_office).items():
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


def first_working_day_of_week(calendar: WorkCalendar, day: datetime.date) -> bool:
    monday = day - datetime.timedelta(days=day.weekday())
    return calendar.is_working_day(day) and all(
        not calendar.is_working_day(monday + datetime.timedelta(days=n)) for n in range(day.weekday())
    )


@register("notifications.supervision_digest")
def supervision_digest(day: datetime.date) -> int:
    """The Front's and the boards' weekly digest of late answers in their unit (first working day of the week)."""
    calendar = WorkCalendar()
    if not first_working_day_of_week(calendar, day):
        return 0
    year, week, _weekday = day.isocalendar()
    supervisors = Membership.objects.filter(role=Role.FRONT_SUPERVISOR, user__is_active=True).select_related(
        "user", "organization__unit"
    )
    per_unit: dict[int, dict[int, User]] = defaultdict(dict)
    names: dict[int, str] = {}
    for membership in supervisors:
        per_unit[membership.organization.unit_id][membership.user_id] = membership.user
        names[membership.organization.unit_id] = membership.organization.unit.name
    late = Case.objects.overdue(day).filter(unit_id__in=per_unit, agency__isnull=False)
    counts = dict(late.values_list("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n"))
    written = 0
    for unit_id, count in counts.items():
        listed = late.filter(unit_id=unit_id).select_related("agency").order_by("due", "pk")[:LISTED]
        answers = [
            {"title": case.summary[:150], "agency": case.agency.name, "due": case.due, "late": (day - case.due).days}
            for case in listed
        ]
        context = {
            "week": f"{week:02d}/{year}",
            "count": count,
            "unit_name": names[unit_id],
            "answers": answers,
            "more": max(0, count - LISTED),
        }
        for user in per_unit[unit_id].values():
            written += len(
                notify(user, "supervision_digest", context=context, dedupe_key=f"supervision_digest:{unit_id}:{year}-{week}")
            )
    return written


@register("notifications.host_briefing")
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
    hosts = _hosts(dialogues)
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


@register("notifications.notice_awaiting")
def notice_awaiting(day: datetime.date) -> int:
    """The conclusion notice not yet issued, N working days before its deadline: hosts and advising office (003 Điều 10.1)."""
    calendar = WorkCalendar()
    if not calendar.is_working_day(day):
        return 0
    written = 0
    for days in reminder_days():
        earliest, latest = window(calendar, day, days)
        steps = list(
            ScheduleStep.objects.filter(
                code=StepCode.CONCLUDE, status=StepStatus.PENDING, dialogue__status=Status.HELD, due__gt=earliest, due__lte=latest
            )
            .select_related("dialogue")
            .prefetch_related("dialogue__hosts")
        )
        if not steps:
            continue
        dialogues = [step.dialogue for step in steps]
        hosts = _hosts(dialogues)
        advisers = _advisers({d.advising_office_id for d in dialogues if d.advising_office_id})
        for step in steps:
            dialogue = step.dialogue
            people = {u.pk: u for u in hosts.get(dialogue.pk, []) + advisers.get(dialogue.advising_office_id, [])}
            context = {"dialogue": dialogue, "due": step.due, "days": days, "rule": f"{step.rule} ({step.citation})".strip()}
            for user in people.values():
                written += len(
                    notify(
                        user,
                        "notice_awaiting",
                        subject_object=dialogue,
                        context=context,
                        dedupe_key=f"notice_awaiting:{days}:{dialogue.pk}:{step.due}",
                        link=reverse("dialogues:detail", args=[dialogue.pk]),
                    )
                )
    return written


@register("notifications.report_duties")
def report_duties(day: datetime.date) -> int:
    """Each reporting duty not yet sent, N working days before it is due: the advising staff of the unit.

    Reads the reporting calendar of reports.duties (`unit_duties`: a few queries per unit that has advising staff).
    """
    from reports.duties import DutyState, unit_duties

    calendar = WorkCalendar()
    if not calendar.is_working_day(day):
        return 0
    windows = [(days, *window(calendar, day, days)) for days in report_days()]
    staff = Membership.objects.filter(role=Role.ADVISING_STAFF, user__is_active=True).select_related("user", "organization__unit")
    per_unit: dict[int, dict[int, User]] = defaultdict(dict)
    units = {}
    for membership in staff:
        per_unit[membership.organization.unit_id][membership.user_id] = membership.user
        units[membership.organization.unit_id] = membership.organization.unit
    years = sorted({day.year, windows[0][2].year})
    written = 0
    for unit_id, users in per_unit.items():
        unit = units[unit_id]
        for year in years:
            for duty in unit_duties(unit, year, day):
                if duty.due is None or duty.state not in (DutyState.NOT_STARTED, DutyState.DRAFTING):
                    continue
                days = next((n for n, earliest, latest in windows if earliest < duty.due <= latest), None)
                if days is None:
                    continue
                context = {
                    "unit_name": unit.name,
                    "form": duty.form,
                    "period": duty.period.code,
                    "due": duty.due,
                    "days": days,
                    "recipient_body": duty.recipient,
                    "citation": duty.citation,
                }
                for user in users.values():
                    written += len(
                        notify(
                            user, "report_due", context=context, dedupe_key=f"report_due:{days}:{unit_id}:{duty.code}:{duty.due}"
                        )
                    )
    return written


@register("notifications.consent_retention")
def consent_retention(day: datetime.date) -> int:
    """Contacts given for notifications go with the petitioner's data: once petitions.retention has anonymised
    a matter, the consents of its opinions lose their email and phone, and so do the rows sent to them."""
    from django.utils import timezone

    from .models import PetitionerConsent

    anonymised = PetitionerConsent.objects.filter(petition__case__events__action="anonymised").exclude(email="", phone="")
    ids = list(anonymised.values_list("pk", flat=True))
    if not ids:
        return 0
    PetitionerConsent.objects.filter(pk__in=ids).update(email="", phone="", withdrawn_at=timezone.now())
    Notification.objects.filter(consent_id__in=ids).exclude(state=NotificationState.SENT).update(
        state=NotificationState.CANCELLED, next_attempt_at=None
    )
    Notification.objects.filter(consent_id__in=ids).update(address="")
    return 0
