"""Units and organisations as staff see them (scoped to their units), and the master-data import."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from common.downloads import attachment_response
from common.spreadsheets import XLSX_CONTENT_TYPE

from .access import roles, units_for, visible_units
from .enums import Role
from .forms import ImportForm
from .importing import SHEETS, run_import, template_workbook
from .models import Appointment


def _require_admin(user) -> None:
    if not (user.is_superuser or Role.ADMIN in roles(user)):
        raise PermissionDenied


@login_required
def unit_list(request):
    units = visible_units(request.user).select_related("level", "parent")
    return render(request, "organizations/unit_list.html", {"units": units})


@login_required
def unit_detail(request, code: str):
    unit = visible_units(request.user).filter(code=code).select_related("level", "parent").first()
    if unit is None:
        raise Http404
    today = timezone.localdate()
    appointments = (
        Appointment.objects.active_on(today).filter(organization__unit=unit).select_related("person", "position", "organization")
    )
    by_org: dict[int, list] = {}
    for appointment in appointments:
        by_org.setdefault(appointment.organization_id, []).append(appointment)
    organizations = [
        {"organization": org, "appointments": by_org.get(org.pk, [])}
        for org in unit.organizations.select_related("kind").order_by("kind__order", "name")
    ]
    children = visible_units(request.user).filter(parent=unit)
    return render(
        request,
        "organizations/unit_detail.html",
        {"unit": unit, "organizations": organizations, "children": children, "today": today},
    )


@login_required
def import_master_data(request):
    _require_admin(request.user)
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        managed = None if request.user.is_superuser else units_for(request.user, "manage_master_data")
        units = None if managed is None else managed.values_list("code", flat=True)
        result = run_import(form.cleaned_data["kind"], upload.name, upload.content, units=units)
        status = 200 if result.ok else 400
        return render(request, "organizations/import.html", {"form": form, "result": result, "sheets": SHEETS}, status=status)
    status = 400 if request.method == "POST" else 200
    return render(request, "organizations/import.html", {"form": form, "result": result, "sheets": SHEETS}, status=status)


@login_required
def import_template(request, kind: str):
    _require_admin(request.user)
    if kind not in SHEETS:
        raise Http404
    return attachment_response(template_workbook(kind), f"mau-nhap-{kind}.xlsx", XLSX_CONTENT_TYPE)
