"""The security log and locked accounts, for administrators (ASVS V7, V2.2).

A unit administrator sees the events of the logins of their units (their unit and everything
below it); the platform operator (superuser) sees every event, including names that match no
account. The same scope decides whose lockout an administrator may lift.
"""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from audit.log import record
from audit.models import SecurityEvent
from common.downloads import attachment_response
from common.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_bytes, xlsx_bytes

from .enums import Role
from .models import AdministrativeUnit, Membership

EXPORT_LIMIT = 50000
TEMPLATES = "organizations/accounts"


def _admin_units(user) -> QuerySet[AdministrativeUnit]:
    paths = Membership.objects.filter(user=user, role=Role.ADMIN).values_list("organization__unit__path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return AdministrativeUnit.objects.filter(condition)


def may_read_log(user) -> bool:
    """The platform operator, or anyone holding an administrator role."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMIN).exists()


def users_in_scope(user) -> QuerySet[User] | None:
    """The logins whose events and lockouts this administrator handles; None means all (operator)."""
    if user.is_superuser:
        return None
    member_ids = Membership.objects.filter(organization__unit__in=_admin_units(user)).values("user_id")
    return User.objects.filter(pk__in=member_ids, is_superuser=False)


def events_for(user) -> QuerySet[SecurityEvent]:
    events = SecurityEvent.objects.all()
    scoped = users_in_scope(user)
    if scoped is None:
        return events
    return events.filter(Q(user__in=scoped) | Q(user__isnull=True, username__in=scoped.values("username")))


class LogFilter(forms.Form):
    who = forms.CharField(label=gettext_lazy("User"), required=False, max_length=150)
    event = forms.CharField(label=gettext_lazy("Event"), required=False, max_length=64)
    since = forms.DateField(label=gettext_lazy("From"), required=False)
    until = forms.DateField(label=gettext_lazy("To"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def apply(self, events: QuerySet[SecurityEvent]) -> QuerySet[SecurityEvent]:
        data = self.cleaned_data
        if data.get("who"):
            events = events.filter(username__icontains=data["who"])
        if data.get("event"):
            events = events.filter(event=data["event"])
        zone = timezone.get_current_timezone()
        if data.get("since"):
            events = events.filter(at__gte=datetime.datetime.combine(data["since"], datetime.time.min, zone))
        if data.get("until"):
            next_day = data["until"] + datetime.timedelta(days=1)
            events = events.filter(at__lt=datetime.datetime.combine(next_day, datetime.time.min, zone))
        return events


def _checked(request: HttpRequest) -> None:
    if not may_read_log(request.user):
        raise PermissionDenied(_("Only administrators may read the security log."))


@login_required
@require_GET
def log_list(request: HttpRequest) -> HttpResponse:
    _checked(request)
    form = LogFilter(request.GET)
    events = events_for(request.user)
    names = sorted(set(events.values_list("event", flat=True).distinct()))
    if not form.is_valid():
        context = {"form": form, "page": None, "event_names": names}
        return render(request, f"{TEMPLATES}/log.html", context, status=400)
    page = Paginator(form.apply(events).select_related("user"), 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "event_names": names, "query": query.urlencode()}
    return render(request, f"{TEMPLATES}/log.html", context)


@login_required
@require_GET
def log_export(request: HttpRequest, kind: str) -> HttpResponse:
    """The filtered log as CSV or XLSX; every text cell is neutralised against formula injection."""
    _checked(request)
    form = LogFilter(request.GET)
    if kind not in {"csv", "xlsx"} or not form.is_valid():
        return HttpResponse(_("The filter is not valid."), status=400, content_type="text/plain; charset=utf-8")
    events = form.apply(events_for(request.user))[:EXPORT_LIMIT]
    header = [_("Time"), _("Event"), _("User"), _("Address"), _("Browser"), _("Path"), _("Object"), _("Detail")]
    rows = [header] + [
        [
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.event,
            e.username,
            e.ip or "",
            e.user_agent,
            e.path,
            e.target,
            str(e.detail or ""),
        ]
        for e in events
    ]
    record("download.security_log", request=request, detail={"format": kind, "rows": len(rows) - 1})
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        return attachment_response(csv_bytes(rows), f"nhat-ky-bao-mat-{stamp}.csv", CSV_CONTENT_TYPE)
    return attachment_response(xlsx_bytes([(_("Security log"), rows)]), f"nhat-ky-bao-mat-{stamp}.xlsx", XLSX_CONTENT_TYPE)


def _locked_usernames(user) -> list[dict]:
    """Accounts locked now (within the cool-off), as {username, failures, last} rows in the user's scope."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since, failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    scoped = users_in_scope(user)
    if scoped is not None:
        attempts = attempts.filter(username__in=scoped.values("username"))
    rows = attempts.values("username").annotate(failures=Max("failures_since_start"), last=Max("attempt_time"))
    return sorted(rows, key=lambda row: row["username"] or "")


@login_required
@require_GET
def locked_list(request: HttpRequest) -> HttpResponse:
    _checked(request)
    return render(request, f"{TEMPLATES}/locked.html", {"locked": _locked_usernames(request.user)})


@login_required
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    """Mở khóa: forget the failed attempts of one account in the administrator's scope."""
    _checked(request)
    username = (request.POST.get("username") or "").strip()
    locked = _locked_usernames(request.user)
    if username not in {row["username"] for row in locked}:
        context = {"locked": locked, "error": _("This account is not locked, or it is not in your units.")}
        return render(request, f"{TEMPLATES}/locked.html", context, status=400)
    removed = axes_reset(username=username)
    record("login.unlock", request=request, target=username, detail={"attempts": removed})
    messages.success(request, _("Account %(username)s is unlocked.") % {"username": username})
    return redirect("accounts:locked")
