"""The People's view of requests to convene a dialogue: subject, commune, date, supporters against the
threshold, and whether a dialogue was planned. Never the representative, the signers or the scans."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from common.pagination import paginate
from dialogues.enums import Status

from .models import ConveningRequest

PUBLIC_DIALOGUE_STATUSES = (Status.ANNOUNCED, Status.HELD, Status.CONCLUDED, Status.ARCHIVED)  # never drafts


def public_requests() -> QuerySet[ConveningRequest]:
    """Every request; the public templates and API show only subject, commune, dates and counts."""
    return ConveningRequest.objects.select_related("unit", "duty__dialogue")


def public_dialogue(item: ConveningRequest):
    """The dialogue planned from the request, once it is announced (a plan is not public before that)."""
    duty = getattr(item, "duty", None)
    dialogue = duty.dialogue if duty is not None else None
    return dialogue if dialogue is not None and dialogue.status in PUBLIC_DIALOGUE_STATUSES else None


@require_GET
def request_list(request):
    page = paginate(request, public_requests().order_by("-received_on", "-id"), 30)
    rows = [{"item": item, "dialogue": public_dialogue(item)} for item in page.object_list]
    return render(request, "convening/public/list.html", {"page": page, "rows": rows, "section": "convening"})


@require_GET
def request_page(request, pk: int):
    item = get_object_or_404(public_requests(), pk=pk)
    context = {"item": item, "dialogue": public_dialogue(item), "section": "convening"}
    return render(request, "convening/public/detail.html", context)
