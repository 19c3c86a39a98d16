"""A small world for the record tests: one commune with its heads and offices, not the whole demo.

Phường Hồng An under QT-VP.12 (000, within 1155-QĐ/TU of 003): Bí thư Nguyễn Văn Hùng, Phó Bí thư
Thường trực Trần Thị Lan, Chủ tịch UBND Phạm Minh Đức; the Party office (Ngô Thị Thu, `vanphong`)
and the People's Committee office; and phường Gia Viên (001, 2025 plan) with the same shape.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User

from dialogues import lifecycle
from organizations.enums import Role
from organizations.models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Appointment,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    PositionKind,
)
from organizations.reference import load_reference
from regulations.loading import load_shipped_profile
from regulations.models import ProfileBinding, RegulationProfile
from workdays.loading import load_shipped_overrides

FAR = datetime.date(2027, 3, 10)  # a Wednesday far enough ahead for every notice period
START = datetime.date(2025, 1, 1)


@dataclass
class Commune:
    unit: AdministrativeUnit
    party_office: Organization
    pc_office: Organization
    division: Organization
    secretary: Appointment
    deputy: Appointment
    chair: Appointment
    staff: User
    outsider: User


def _org(unit: AdministrativeUnit, code: str, kind: str, name: str, parent: Organization | None = None) -> Organization:
    return Organization.objects.create(
        code=code, name=name, kind=OrganizationKind.objects.get(code=kind), unit=unit, parent=parent
    )


def _appoint(name: str, organization: Organization, position: str) -> Appointment:
    person = Person.objects.create(full_name=name)
    return Appointment.objects.create(
        person=person, organization=organization, position=PositionKind.objects.get(code=position), start_date=START
    )


def load_profiles() -> None:
    load_reference()
    load_shipped_overrides()
    for code in ("hai-phong-1155-2023", "tan-ky-2025", "hong-an-qt-vp12", "gia-vien-2025"):
        load_shipped_profile(code)


def commune(code: str = "31-HONGAN", name: str = "Hồng An", profile: str = "hong-an-qt-vp12") -> Commune:
    """A ward bound to `profile` with its Party committee, People's Committee, two offices and a division."""
    city = AdministrativeUnit.objects.get_or_create(
        code="31", defaults={"name": "Thành phố Hải Phòng", "level": AdministrativeLevel.objects.get(code="province")}
    )[0]
    unit = AdministrativeUnit.objects.create(
        code=code, name=f"Phường {name}", level=AdministrativeLevel.objects.get(code="commune"), parent=city
    )
    slug = code.lower()
    committee = _org(unit, f"{slug}-danguy", "party_committee", f"Đảng ủy phường {name}")
    people = _org(unit, f"{slug}-ubnd", "peoples_committee", f"Ủy ban nhân dân phường {name}")
    party_office = _org(unit, f"{slug}-vpdu", "party_office", f"Văn phòng Đảng ủy phường {name}", committee)
    pc_office = _org(unit, f"{slug}-vpub", "pc_office", f"Văn phòng HĐND và UBND phường {name}", people)
    division = _org(unit, f"{slug}-pkt", "division", f"Phòng Kinh tế phường {name}")
    ProfileBinding.objects.create(unit=unit, profile=RegulationProfile.objects.get(code=profile), valid_from=START)
    staff = User.objects.create_user(f"vanphong-{slug}", password="matkhau-thu-nghiem", first_name="Ngô Thị Thu")
    Membership.objects.create(user=staff, organization=party_office, role=Role.ADVISING_STAFF)
    outsider = User.objects.create_user(f"canbo-{slug}", password="matkhau-thu-nghiem", first_name="Hoàng Anh Tuấn")
    Membership.objects.create(user=outsider, organization=division, role=Role.AGENCY_OFFICER)
    return Commune(
        unit=unit,
        party_office=party_office,
        pc_office=pc_office,
        division=division,
        secretary=_appoint("Nguyễn Văn Hùng", committee, "secretary"),
        deputy=_appoint("Trần Thị Lan", committee, "standing_deputy_secretary"),
        chair=_appoint("Phạm Minh Đức", people, "committee_chair"),
        staff=staff,
        outsider=outsider,
    )


def plan(place: Commune, date: datetime.date = FAR, kind: str = "periodic", hosts=None, **fields):
    """A dialogue planned through the real verb, hosted by the secretary unless told otherwise."""
    fields.setdefault("title", "Hội nghị đối thoại thử nghiệm")
    if kind == "ad_hoc":
        fields.setdefault("ad_hoc_reason", "sudden")
        fields.setdefault("description", "Vụ việc phát sinh cần giải quyết ngay")
    hosts = hosts or [lifecycle.HostChoice(place.secretary)]
    return lifecycle.create_dialogue(place.staff, hosts=hosts, unit=place.unit, kind=kind, date=date, **fields)
