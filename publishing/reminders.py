"""Daily reminders to publish a dialogue's results (Luật 72/2025/QH15 Điều 43, tóm tắt): due soon and overdue.

To the commune's administrators and advising staff, once per deadline and stage (keys carry the due date).
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from notifications.outbox import notify
from notifications.reminders import register, reminder_days, window
from organizations.enums import Role
from organizations.models import Membership
from workdays.calendar import WorkCalendar

from .apps import DUE_KIND
from .models import Publication


def _remind(publication: Publication, key: str, when: str) -> int:
    dialogue = publication.dialogue
    members = Membership.objects.filter(
        organization__unit=dialogue.unit_id, role__in=[Role.ADMIN, Role.ADVISING_STAFF], user__is_active=True
    ).select_related("user")
    context = {
        "title": dialogue.title,
        "unit_name": dialogue.unit.name,
        "due": publication.due_on,
        "citation": publication.citation,
        "when": when,
    }
    written = 0
    for person in {m.user_id: m.user for m in members}.values():
        written += len(
            notify(
                person,
                DUE_KIND,
                subject_object=publication,
                context=context,
                legally_required=True,
                dedupe_key=key,
                link=reverse("publishing:detail", args=[dialogue.pk]),
            )
        )
    return written


@register("publishing.results")
def publication_reminders(day: datetime.date) -> int:
    calendar = WorkCalendar()
    if not calendar.is_working_day(day):
        return 0
    open_rows = Publication.objects.filter(completed_on__isnull=True).select_related("dialogue__unit")
    written = 0
    for days in reminder_days():
        earliest, latest = window(calendar, day, days)
        for row in open_rows.filter(due_on__gt=earliest, due_on__lte=latest):
            written += _remind(row, f"publication_due:{days}:{row.pk}:{row.due_on}", f"còn {days} ngày làm việc")
    for row in open_rows.filter(due_on__lt=day):
        written += _remind(row, f"publication_overdue:{row.pk}:{row.due_on}", "đã quá hạn")
    return written
