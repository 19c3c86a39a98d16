"""Demo data: Hải Phòng with Hồng An, Gia Viên and Tân Kỳ; Điện Biên with one commune; one login per role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from common.data_files import load_yaml
from regulations.models import ProfileBinding, RegulationProfile

from .enums import Role
from .models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Appointment,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    PositionKind,
)
from .upsert import upsert

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.yaml"


@dataclass
class DemoLogin:
    username: str
    role_label: str
    organization: str


def demo_data() -> dict:
    return load_yaml(DEMO_FILE)


@transaction.atomic
def load_demo() -> tuple[int, list[DemoLogin]]:
    """Load the demo; returns (rows written, the demo logins). Running it twice writes nothing."""
    data = demo_data()
    written = 0
    units: dict[str, AdministrativeUnit] = {}
    for row in data["units"]:
        values = {
            "name": row["name"],
            "level": AdministrativeLevel.objects.get(code=row["level"]),
            "parent": units.get(row.get("parent")),
        }
        units[row["code"]], changed = upsert(AdministrativeUnit, {"code": row["code"]}, values)
        written += changed
    organizations: dict[str, Organization] = {}
    for unit_code, rows in data["organizations"].items():
        for row in rows:
            values = {
                "name": row["name"],
                "kind": OrganizationKind.objects.get(code=row["kind"]),
                "unit": units[unit_code],
                "parent": organizations.get(row.get("parent")),
                "short_name": row.get("short", ""),
                "term_start": row.get("term_start"),
            }
            organizations[row["code"]], changed = upsert(Organization, {"code": row["code"]}, values)
            written += changed
    people: dict[str, Person] = {}
    for row in data["appointments"]:
        person = people.get(row["person"])
        if person is None:
            person, changed = upsert(Person, {"full_name": row["person"]}, {})
            people[row["person"]] = person
            written += changed
        lookup = {
            "person": person,
            "organization": organizations[row["org"]],
            "position": PositionKind.objects.get(code=row["position"]),
            "start_date": row["from"],
        }
        written += upsert(Appointment, lookup, {"end_date": row.get("to")})[1]
    for row in data["bindings"]:
        lookup = {"unit": units[row["unit"]], "profile": RegulationProfile.objects.get(code=row["profile"])}
        written += upsert(ProfileBinding, lookup, {"valid_from": row["from"], "valid_to": row.get("to")})[1]
    logins = []
    for row in data["users"]:
        user = User.objects.filter(username=row["username"]).first()
        # No demo account is a superuser (only `create_operator` makes one); an administrator
        # gets the admin site, which shows it only its own unit's subtree.
        staff = row["role"] == Role.ADMIN
        if user is None:
            user = User.objects.create_user(row["username"], password=data["password"])
            written += 1
        if (user.is_staff, user.is_superuser, user.first_name) != (staff, False, row["person"]):
            user.is_staff, user.is_superuser = staff, False
            user.first_name = row["person"]
            user.save()
            written += 1
        membership, changed = upsert(
            Membership,
            {"user": user, "organization": organizations[row["org"]], "role": row["role"]},
            {"person": people[row["person"]]},
        )
        written += changed
        logins.append(DemoLogin(row["username"], membership.get_role_display(), membership.organization.name))
    return written, logins
