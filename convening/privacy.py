"""Voters' identities in a request (its representative, the signed lists) are personal data (Luật 91/2025/QH15).

Shown only to those who may see petitioners' data in the unit, and each disclosure is written to the
same personal-data access log as the petitioners' (petitions.PersonalDataAccess), so one page shows all.
"""

from __future__ import annotations

from django.http import HttpRequest

from organizations.access import can
from petitions.models import Output, PersonalDataAccess
from petitions.privacy import public_label

from .models import ConveningRequest


def may_see_voters(user, request_obj: ConveningRequest) -> bool:
    return can(user, "view_personal_data", request_obj.unit)


def log(user, http_request: HttpRequest | None, output: str, where: str, shown: int = 1) -> PersonalDataAccess:
    """One access-log row: who, what (in Vietnamese), through which output, from which path."""
    path = http_request.get_full_path()[:500] if http_request is not None else ""
    return PersonalDataAccess.objects.create(user=user, shown=shown, output=output, path=path, where=where[:200])


def representative_label(user, request_obj: ConveningRequest, http_request: HttpRequest | None = None) -> str:
    """The representative's name and contact for a reader who may see them (logged), else "Ông/Bà N.V.A."."""
    if may_see_voters(user, request_obj):
        log(user, http_request, Output.PAGE, f"Người đại diện yêu cầu tổ chức đối thoại #{request_obj.pk}")
        return f"{request_obj.representative_name} — {request_obj.representative_contact}"
    return public_label(request_obj.representative_name)
