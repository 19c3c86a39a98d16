"""The supervision panel of a matter's page and of a dialogue's page: what was found, escalated, directed.

A fixed number of queries whatever the rows (each list one query, with what it shows joined in).
The page that includes it has already checked that the user may see the matter or the dialogue.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from common import dates
from dialogues.enums import HELD_STATUSES, Status
from dialogues.models import Dialogue
from organizations.access import can
from organizations.models import AdministrativeUnit, Organization
from petitions.models import Case

from .access import bodies_for, may_complete_direction, may_reply_to_finding
from .forms import CompleteForm, DirectionForm, EscalationForm, FindingForm, ForecastForm, ReplyForm
from .models import Direction, Escalation, Finding, Forecast, SupervisionPlan


def unit_and_above(unit: AdministrativeUnit) -> list[str]:
    """The codes of the unit and its ancestors, read from its path (no query)."""
    return [code for code in unit.path.strip("/").split("/") if code]


def organizations_up(unit: AdministrativeUnit) -> QuerySet[Organization]:
    return Organization.objects.filter(unit__code__in=unit_and_above(unit), is_active=True).order_by("unit__path", "name")


def forecast_open(dialogue: Dialogue) -> bool:
    """A forecast is reported before the conference (003 Điều 14.1): not once it is held or its day has passed."""
    return dialogue.status not in HELD_STATUSES and dialogue.status != Status.CANCELLED and dates.today() <= dialogue.date


def panel_context(request: HttpRequest, dialogue: Dialogue | None = None, case: Case | None = None, error: str = "") -> dict:
    user = request.user
    target = case or dialogue
    unit = target.unit
    where = {"case": case} if case is not None else {"dialogue": dialogue}
    findings = list(
        Finding.objects.filter(**where).select_related("organization__kind", "organization__unit", "agency", "case", "unit")
    )
    escalations = list(Escalation.objects.filter(**where).select_related("case", "unit"))
    directions = list(Direction.objects.filter(**where).select_related("owner", "case", "unit"))
    forecasts = list(Forecast.objects.filter(dialogue=dialogue).select_related("organization")) if case is None else []
    bodies = bodies_for(user).filter(unit__code__in=unit_and_above(unit))
    body_list = list(bodies)
    today = dates.today()
    context = {
        "request": request,
        "panel_dialogue": dialogue,
        "panel_case": case,
        "panel_kind": "case" if case is not None else "dialogue",
        "target_kind": "vu-viec" if case is not None else "doi-thoai",
        "target_pk": target.pk,
        "findings": [(row, may_reply_to_finding(user, row) and row.agency_id and not row.replied_on) for row in findings],
        "escalations": escalations,
        "directions": [(row, may_complete_direction(user, row) and row.state == "open") for row in directions],
        "forecasts": forecasts,
        "today": today,
        "error": error,
        "can_follow_up": can(user, "follow_up_conclusions", unit),
        "reply_form": ReplyForm(),
        "complete_form": CompleteForm(),
    }
    if body_list:
        plans = SupervisionPlan.objects.filter(organization__in=body_list, year=today.year)
        mine = {"organization": body_list[0]}
        context["finding_form"] = FindingForm(bodies=bodies, agencies=organizations_up(unit), plans=plans, initial=mine)
        if case is None and forecast_open(dialogue):
            context["forecast_form"] = ForecastForm(bodies=bodies, initial=mine)
    if context["can_follow_up"]:
        context["escalation_form"] = EscalationForm()
        context["direction_form"] = DirectionForm(owners=organizations_up(unit))
    return context
