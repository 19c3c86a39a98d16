"""The personal-data access log: who saw which petitioners' matters, when, through which output.

For administrators of the unit (and above) and for the unit's data-protection contact — a user
given the permission "petitions.view_personaldataaccess" in the admin, who reads the log of every
unit they may view. Filters by who, matter (number or tracking code), period and output; exports
XLSX or CSV (cells neutralised against formulas by common.spreadsheets). Names of petitioners are
never listed here: the log names matters, so reading it discloses nobody.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import record
from common.downloads import attachment_response
from common.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_bytes, xlsx_bytes
from organizations.access import units_for, visible_units
from organizations.models import AdministrativeUnit

from .models import Output, PersonalDataAccess

EXPORT_LIMIT = 50_000
HEADER = ["Thời điểm", "Tài khoản", "Họ tên", "Kênh xem", "Vụ việc", "Số người kiến nghị", "Đường dẫn", "Nội dung"]


class LogFilter(forms.Form):
    nguoi = forms.CharField(label=_("Who (account or name)"), required=False, max_length=150)
    vu_viec = forms.CharField(label=_("Matter (number or tracking code)"), required=False, max_length=40)
    tu = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    den = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kenh = forms.ChoiceField(label=_("Output"), required=False, choices=[("", _("All")), *Output.choices])

    def clean(self):
        data = super().clean()
        if data.get("tu") and data.get("den") and data["tu"] > data["den"]:
            raise forms.ValidationError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
        return data


def log_units(user) -> QuerySet[AdministrativeUnit]:
    """Units whose log this user may read: administrators' units, or every visible unit for a data-protection contact."""
    if user.has_perm("petitions.view_personaldataaccess"):
        return visible_units(user)
    return units_for(user, "view_access_log")


def filtered(units, data: dict) -> QuerySet[PersonalDataAccess]:
    rows = PersonalDataAccess.objects.filter(pk__in=PersonalDataAccess.objects.filter(cases__unit__in=units).values("pk"))
    who = (data.get("nguoi") or "").strip()
    if who:
        rows = rows.filter(
            Q(user__username__icontains=who) | Q(user__first_name__icontains=who) | Q(user__last_name__icontains=who)
        )
    matter = (data.get("vu_viec") or "").strip()
    if matter:
        condition = Q(cases__petitions__tracking_code__iexact=matter)
        if matter.isdigit():
            condition |= Q(cases__pk=int(matter))
        rows = rows.filter(pk__in=PersonalDataAccess.objects.filter(condition).values("pk"))
    if data.get("tu"):
        rows = rows.filter(at__date__gte=data["tu"])
    if data.get("den"):
        rows = rows.filter(at__date__lte=data["den"])
    if data.get("kenh"):
        rows = rows.filter(output=data["kenh"])
    return rows.select_related("user").prefetch_related("cases").order_by("-at", "-id")


def _row(access: PersonalDataAccess) -> list:
    return [
        timezone.localtime(access.at).strftime("%d/%m/%Y %H:%M:%S"),
        access.user.username,
        access.user.get_full_name(),
        str(access.get_output_display()),
        "; ".join(f"#{case.pk} {case.summary[:60]}" for case in access.cases.all()),
        access.shown,
        access.path,
        access.where,
    ]


def _export(request, rows, kind: str):
    table = [HEADER, *(_row(access) for access in rows[:EXPORT_LIMIT])]
    stamp = timezone.localdate().strftime("%Y%m%d")
    record("export.access_log", request=request, detail={"format": kind, "rows": len(table) - 1})
    if kind == "csv":
        return attachment_response(csv_bytes(table), f"nhat-ky-du-lieu-ca-nhan-{stamp}.csv", CSV_CONTENT_TYPE)
    return attachment_response(xlsx_bytes([("Nhật ký", table)]), f"nhat-ky-du-lieu-ca-nhan-{stamp}.xlsx", XLSX_CONTENT_TYPE)


@login_required
def access_log(request):
    units = log_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = LogFilter(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "petitions/access_log.html", {"form": form, "page": None}, status=400)
    rows = filtered(units, form.cleaned_data if request.GET else {})
    kind = request.GET.get("xuat", "")
    if kind in ("xlsx", "csv"):
        return _export(request, rows, kind)
    page = Paginator(rows, 100).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    query.pop("xuat", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "today": datetime.date.today()}
    return render(request, "petitions/access_log.html", context)
