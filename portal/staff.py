"""The advising office's screen for opinions from the web: accept each into the unit's intake, or reject it
with a reason the citizen sees. Who sent it is shown only after acceptance, on the matter's page (logged there).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.pagination import paginate
from organizations.access import units_for

from . import submissions
from .forms import RejectForm
from .models import SubmissionStatus, WebSubmission


def _units(user):
    units = units_for(user, "classify_petition")
    if not units.exists():
        raise PermissionDenied
    return units


@login_required
def web_intake(request, status: int = 200):
    units = _units(request.user)
    waiting = WebSubmission.objects.filter(unit__in=units, status=SubmissionStatus.PENDING).select_related("unit", "dialogue")
    page = paginate(request, waiting, 25)
    context = {"page": page, "submissions": page.object_list, "reject_form": RejectForm()}
    return render(request, "portal/web_intake.html", context, status=status)


def _refused(request, message: str):
    """Bad input or a refused decision: the list again, with the reason, as a 400; nothing changed."""
    messages.error(request, message)
    return web_intake(request, status=400)


def _submission(request, pk: int) -> WebSubmission:
    return get_object_or_404(WebSubmission, pk=pk, unit__in=_units(request.user))


@login_required
@require_POST
def accept(request, pk: int):
    submission = _submission(request, pk)
    try:
        petition = submissions.accept(submission, request.user)
    except submissions.SubmissionError as error:
        return _refused(request, str(error))
    messages.success(request, _("Accepted into the intake: %(code)s") % {"code": petition.tracking_code})
    return redirect("portal:web_intake")


@login_required
@require_POST
def reject(request, pk: int):
    submission = _submission(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Choose the reason for not accepting it."))
    try:
        submissions.reject(submission, request.user, form.cleaned_data["reason"], form.cleaned_data["note"])
    except submissions.SubmissionError as error:
        return _refused(request, str(error))
    messages.success(request, _("Not accepted: %(code)s") % {"code": submission.code})
    return redirect("portal:web_intake")
