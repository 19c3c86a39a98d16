"""Reminders of the duty to plan a requested dialogue, to the body named and the commune's staff."""

import datetime

import pytest

from convening.models import PlanningDuty
from convening.reminders import planning_duty_reminders
from notifications.models import Notification
from organizations.enums import Role
from organizations.models import Membership

from .test_convening import _reached

pytestmark = pytest.mark.django_db


def test_overdue_planning_duty_is_reminded_once_to_the_owner_and_the_staff(commune, django_user_model):
    chair = django_user_model.objects.create_user("chutich", password="matkhau-thu-nghiem", first_name="Phạm Văn Hưng")
    Membership.objects.create(user=chair, organization=commune.committee, role=Role.AGENCY_HEAD)
    item = _reached(commune)
    PlanningDuty.objects.filter(request=item).update(
        owner=commune.committee, due_on=datetime.date(2026, 11, 16), due_basis="Quy chế"
    )
    assert planning_duty_reminders(datetime.date(2026, 11, 17)) == 3
    assert planning_duty_reminders(datetime.date(2026, 11, 18)) == 0
    told = Notification.objects.filter(kind="convening_plan_due")
    assert set(told.values_list("recipient__username", flat=True)) == {"chutich", "vanphong", "quantri"}
    assert "đã quá hạn" in told.first().subject


def test_a_fulfilled_duty_is_not_reminded(commune):
    item = _reached(commune)
    PlanningDuty.objects.filter(request=item).update(
        owner=commune.committee, due_on=datetime.date(2026, 11, 16), fulfilled_on=datetime.date(2026, 11, 10)
    )
    assert planning_duty_reminders(datetime.date(2026, 11, 17)) == 0
