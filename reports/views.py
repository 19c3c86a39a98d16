"""The reports pages: a unit's reporting calendar, Mẫu 1 on screen with its roll-up, the XLSX, draft and submit.

Thin: reading goes through reports.mau1 / duties / rollup, writing through reports.submitting.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from audit.log import record
from common.downloads import attachment_response
from common.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes
from organizations.access import can, visible_units

from . import dashboard, mau1
from .dialogue_duties import dialogue_duties, submit_after_dialogue
from .duties import unit_duties
from .inputs import read_request
from .models import ReportSubmission
from .periods import BadPeriod, Period
from .rollup import by_child
from .submitting import REPORT_ACTION, difference, start_draft, submit
from .xlsx import mau1_xlsx


def _current_quarter() -> str:
    today = timezone.localdate()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def _read(request: HttpRequest, data) -> tuple:
    """The unit and period asked for, checked against what the user may see (BadPeriod / PermissionDenied)."""
    units = visible_units(request.user)
    code = data.get("don_vi") or (units.order_by("path").values_list("code", flat=True).first() or "")
    unit, period = read_request(code, data.get("ky") or _current_quarter())
    if not can(request.user, "view", unit):
        raise PermissionDenied
    return unit, period


def _back(unit, period: Period) -> str:
    return f"{reverse('reports:index')}?don_vi={unit.code}&ky={period.code}"


def _unit_page(request: HttpRequest, template: str, fill) -> HttpResponse:
    """The shape every report page shares: the unit picker, the period read (a bad one is a 400), then `fill`'s part."""
    units = visible_units(request.user).order_by("path").only("code", "name", "path")
    context = {"units": units, "period_code": request.GET.get("ky") or _current_quarter()}
    try:
        unit, period = _read(request, request.GET)
    except BadPeriod as error:
        context["error"] = str(error)
        return render(request, template, context, status=400)
    context.update(unit=unit, period=period, **fill(unit, period))
    return render(request, template, context)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    def fill(unit, period: Period) -> dict:
        table = mau1.build(unit, period)
        lines, totals = by_child(table)
        versions = list(ReportSubmission.objects.filter(unit=unit, form="mau_1", period=period.code).order_by("version"))
        return {
            "table": table,
            "totals": totals,
            "lines": lines,
            "duties": unit_duties(unit, period.year),
            "dialogue_duties": dialogue_duties(unit, period.year),
            "versions": versions,
            "changes": difference(versions[-2], versions[-1]) if len(versions) > 1 else [],
            "can_report": can(request.user, REPORT_ACTION, unit),
        }

    return _unit_page(request, "reports/index.html", fill)


@login_required
@require_GET
def mau1_download(request: HttpRequest) -> HttpResponse:
    try:
        unit, period = _read(request, request.GET)
    except BadPeriod as error:
        return render(request, "reports/index.html", {"error": str(error)}, status=400)
    content = mau1_xlsx(mau1.build(unit, period))
    record("download.file", request=request, target=f"mau1:{unit.code}:{period.code}", detail={"format": "xlsx"})
    return attachment_response(content, f"Mau1_{unit.code}_{period.code}.xlsx", XLSX_CONTENT_TYPE)


@login_required
@require_POST
def submit_view(request: HttpRequest) -> HttpResponse:
    try:
        unit, period = _read(request, request.POST)
    except BadPeriod as error:
        return render(request, "reports/index.html", {"error": str(error)}, status=400)
    if request.POST.get("action") == "draft":
        start_draft(request.user, unit, period)
        messages.success(request, "Đã ghi nhận: báo cáo đang được soạn.")
    else:
        version = submit(request.user, unit, period, note=request.POST.get("note", ""))
        messages.success(request, f"Đã gửi báo cáo (phiên bản {version.version}); số liệu đã được chốt.")
    return redirect(_back(unit, period))


@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """The unit's and its subtree's charts for the period; ?in=1 is the print view for a meeting."""
    return _unit_page(
        request,
        "reports/dashboard.html",
        lambda unit, period: {"charts": dashboard.build(unit, period), "printing": request.GET.get("in") == "1"},
    )


@login_required
@require_GET
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    try:
        unit, period = _read(request, request.GET)
    except BadPeriod as error:
        return render(request, "reports/dashboard.html", {"error": str(error)}, status=400)
    content = xlsx_bytes(dashboard.xlsx_sheets(dashboard.build(unit, period)))
    record("download.file", request=request, target=f"dashboard:{unit.code}:{period.code}", detail={"format": "xlsx"})
    return attachment_response(content, f"Bang_dieu_khien_{unit.code}_{period.code}.xlsx", XLSX_CONTENT_TYPE)


@login_required
@require_POST
def submit_after_dialogue_view(request: HttpRequest, pk: int) -> HttpResponse:
    """004 Điều 16.1.c: the report sent after a dialogue (its row of Mẫu 1 frozen as submitted)."""
    from dialogues.models import Dialogue

    dialogue = Dialogue.objects.select_related("unit", "profile").filter(pk=pk).first()
    if dialogue is None or not can(request.user, "view", dialogue.unit):
        raise PermissionDenied
    try:
        version = submit_after_dialogue(request.user, dialogue, note=request.POST.get("note", ""))
    except ValidationError as error:
        return render(request, "reports/index.html", {"error": error.messages[0]}, status=400)
    messages.success(request, f"Đã gửi báo cáo sau hội nghị (phiên bản {version.version}).")
    back = request.POST.get("don_vi") or dialogue.unit.code
    return redirect(f"{reverse('reports:index')}?don_vi={back}&ky={dialogue.date.year}")
