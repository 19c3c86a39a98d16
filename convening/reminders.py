"""Daily reminders of the duty to plan a requested dialogue: due in N working days (NOTIFY_REMINDER_DAYS) and overdue.

To the members of the responsible body and the commune's administrators and advising staff. Keys carry the
due date, so each reminder is written once per deadline (a new deadline gets its own).
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.urls import reverse

from notifications.outbox import notify
from notifications.reminders import register, reminder_days, window
from organizations.enums import Role
from organizations.models import Membership
from workdays.calendar import WorkCalendar

from .apps import DUTY_KIND
from .models import PlanningDuty, RequestState


def _people(duty: PlanningDuty) -> list[User]:
    members = Membership.objects.filter(user__is_active=True).filter(organization=duty.owner_id) | Membership.objects.filter(
        user__is_active=True, organization__unit=duty.request.unit_id, role__in=[Role.ADMIN, Role.ADVISING_STAFF]
    )
    return list({m.user_id: m.user for m in members.select_related("user")}.values())


def _remind(duty: PlanningDuty, key: str, when: str) -> int:
    context = {
        "title": duty.request.title,
        "unit_name": duty.request.unit.name,
        "owner": duty.owner.name,
        "due": duty.due_on,
        "basis": duty.due_basis,
        "when": when,
    }
    written = 0
    for person in _people(duty):
        written += len(
            notify(
                person,
                DUTY_KIND,
                subject_object=duty,
                context=context,
                legally_required=True,
                dedupe_key=key,
                link=reverse("convening:detail", args=[duty.request_id]),
            )
        )
    return written


@register("convening.planning_duties")
def planning_duty_reminders(day: datetime.date) -> int:
    calendar = WorkCalendar()
    if not calendar.is_working_day(day):
        return 0
    open_duties = PlanningDuty.objects.filter(
        fulfilled_on__isnull=True, due_on__isnull=False, owner__isnull=False, request__state=RequestState.THRESHOLD_REACHED
    ).select_related("request__unit", "owner")
    written = 0
    for days in reminder_days():
        earliest, latest = window(calendar, day, days)
        for duty in open_duties.filter(due_on__gt=earliest, due_on__lte=latest):
            written += _remind(duty, f"convening_due:{days}:{duty.pk}:{duty.due_on}", f"còn {days} ngày làm việc")
    for duty in open_duties.filter(due_on__lt=day):
        written += _remind(duty, f"convening_overdue:{duty.pk}:{duty.due_on}", "đã quá hạn")
    return written
