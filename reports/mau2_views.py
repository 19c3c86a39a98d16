"""The Mẫu 2 pages: the computed figures, the written parts with their versions, the draft DOCX and the issue.

Thin: figures from reports.mau2, writing through its verbs (save_narrative, issue_report).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from audit.log import record
from common import dates
from common.downloads import attachment_response
from documents.issuing import IssueError
from documents.kinds import Kind, file_name
from documents.models import IssuedDocument
from documents.render import RenderError
from organizations.access import can, visible_units
from organizations.models import AdministrativeUnit

from .mau2 import EDIT_ACTION, NARRATIVE, VERDICTS, figures, report_for, save_narrative
from .mau2_document import PART_TITLES, draft_docx, in_force, issue_report
from .periods import BadPeriod, parse_year

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _read(request: HttpRequest, data) -> tuple[AdministrativeUnit, int]:
    """The unit and year asked for (BadPeriod with a Vietnamese message; PermissionDenied outside the scope)."""
    units = visible_units(request.user)
    code = (data.get("don_vi") or units.order_by("path").values_list("code", flat=True).first() or "").strip()
    year = parse_year(data.get("nam") or str(dates.today().year))
    unit = AdministrativeUnit.objects.filter(code=code).first()
    if unit is None:
        raise BadPeriod(f"Không có đơn vị hành chính mã '{code}'.")
    if not can(request.user, "view", unit):
        raise PermissionDenied
    return unit, year


def _back(unit: AdministrativeUnit, year: int) -> str:
    return f"{reverse('reports:mau2')}?don_vi={unit.code}&nam={year}"


@login_required
@require_GET
def mau2_page(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user).order_by("path").only("code", "name", "path")
    context = {"units": units, "year": request.GET.get("nam") or dates.today().year}
    try:
        unit, year = _read(request, request.GET)
    except BadPeriod as error:
        context["error"] = str(error)
        return render(request, "reports/mau2.html", context, status=400)
    report = report_for(unit, year)
    history = list(report.history.select_related("history_user").order_by("-history_id")[:50]) if report.pk else []
    context.update(
        unit=unit,
        year=year,
        numbers=figures(unit, year),
        verdicts=VERDICTS,
        parts=[(name, PART_TITLES[name], getattr(report, name)) for name in NARRATIVE],
        history=history,
        in_force=in_force(report),
        issued=IssuedDocument.objects.filter(kind=Kind.ANNUAL_REPORT, subject_id=report.pk).order_by("-id") if report.pk else [],
        can_edit=can(request.user, EDIT_ACTION, unit),
    )
    return render(request, "reports/mau2.html", context)


@login_required
@require_POST
def mau2_save(request: HttpRequest) -> HttpResponse:
    try:
        unit, year = _read(request, request.POST)
        texts = {name: request.POST.get(name, "") for name in NARRATIVE}
        save_narrative(request.user, unit, year, texts, request.POST.get("reason", ""))
    except (BadPeriod, ValidationError) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        return render(request, "reports/mau2.html", {"error": message}, status=400)
    messages.success(request, "Đã lưu phiên bản mới của báo cáo năm.")
    return redirect(_back(unit, year))


@login_required
@require_GET
def mau2_draft(request: HttpRequest) -> HttpResponse:
    try:
        unit, year = _read(request, request.GET)
        result = draft_docx(unit, year)
    except (BadPeriod, IssueError, RenderError) as error:
        return render(request, "reports/mau2.html", {"error": str(error)}, status=400)
    record("download.file", request=request, target=f"mau2:{unit.code}:{year}", detail={"format": "docx", "draft": True})
    return attachment_response(result.docx, file_name(Kind.ANNUAL_REPORT, str(year), prefix="du-thao"), DOCX)


@login_required
@require_POST
def mau2_issue(request: HttpRequest) -> HttpResponse:
    try:
        unit, year = _read(request, request.POST)
    except BadPeriod as error:
        return render(request, "reports/mau2.html", {"error": str(error)}, status=400)
    try:
        replace = request.POST.get("replace") == "1"
        document = issue_report(request.user, unit, year, replace=replace, reason=request.POST.get("reason", ""))
    except (IssueError, RenderError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã ban hành báo cáo năm: {document.symbol}.")
    return redirect(_back(unit, year))
