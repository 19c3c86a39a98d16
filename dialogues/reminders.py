"""The dialogue's daily reminder: the conclusion notice not yet issued, N working days before its deadline,
to the hosts and the advising office (003 Điều 10.1).

Registered in the notifications registry (notifications/reminders.py imports this module); `host_logins`
is shared with the host's briefing (petitions/digests.py). Reads steps, never matters: dialogues sits
below petitions.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.urls import reverse

from notifications.outbox import notify
from notifications.recipients import advisers
from notifications.reminders import register, reminder_days, window
from organizations.models import Membership
from workdays.calendar import WorkCalendar

from .enums import Status, StepCode, StepStatus
from .models import Dialogue, ScheduleStep


def host_logins(dialogues: Iterable[Dialogue]) -> dict[int, list[User]]:
    """The logins of each dialogue's hosts (memberships linked to the host's person record); one query.

    The dialogues' `hosts` should be prefetched."""
    people: dict[int, set[int]] = defaultdict(set)
    for dialogue in dialogues:
        for host in dialogue.hosts.all():
            people[host.person_id].add(dialogue.pk)
    found: dict[int, dict[int, User]] = defaultdict(dict)
    rows = Membership.objects.filter(person_id__in=people, user__is_active=True).select_related("user")
    for membership in rows:
        for dialogue_id in people[membership.person_id]:
            found[dialogue_id][membership.user_id] = membership.user
    return {key: list(users.values()) for key, users in found.items()}


@register("dialogues.notice_awaiting")
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
        hosts = host_logins(dialogues)
        staff = advisers({d.advising_office_id for d in dialogues if d.advising_office_id})
        for step in steps:
            dialogue = step.dialogue
            people = {u.pk: u for u in hosts.get(dialogue.pk, []) + staff.get(dialogue.advising_office_id, [])}
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
