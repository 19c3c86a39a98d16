"""A small world for opinion tests with named people, instead of the whole demo.

Phường Hồng An with the same codes and logins as the demo (so petitions.tests.helpers work unchanged):
its Party office (Ngô Thị Thu, `vanphong`), the Phòng Kinh tế, Hạ tầng và Đô thị (Hoàng Anh Tuấn, `canbo`;
Đỗ Quang Vinh, `lanhdao`) and its QT-VP.12 profile (fields of opinions from Tân Kỳ's). It loads two
profiles (not five) and no other unit: a test that needs hosts, dialogues or other units keeps using `demo`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User

from organizations.enums import Role
from organizations.models import AdministrativeLevel, AdministrativeUnit, Membership, Organization, OrganizationKind
from organizations.reference import load_reference
from regulations.loading import load_shipped_profile
from regulations.models import ProfileBinding, RegulationProfile

FIELDS_PROFILE = "tan-ky-2025"  # its fields of opinions are the ones every shipped profile takes (fields_from)
PROFILE = "hong-an-qt-vp12"  # Hồng An's own procedure, as in the demo


@dataclass
class Ward:
    unit: AdministrativeUnit
    office: Organization
    agency: Organization
    staff: User
    officer: User
    head: User


def _login(username: str, full_name: str, role: str, organization: Organization) -> User:
    user = User.objects.create_user(username, password="matkhau-thu-nghiem", first_name=full_name)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def hong_an_ward() -> Ward:
    """Build the ward; costs two profile loads and a dozen rows."""
    load_reference()
    load_shipped_profile(FIELDS_PROFILE)
    load_shipped_profile(PROFILE)
    city = AdministrativeUnit.objects.create(
        code="31", name="Thành phố Hải Phòng", level=AdministrativeLevel.objects.get(code="province")
    )
    unit = AdministrativeUnit.objects.create(
        code="31-HONGAN", name="Phường Hồng An", level=AdministrativeLevel.objects.get(code="commune"), parent=city
    )
    office = Organization.objects.create(
        code="ha-vpdu", name="Văn phòng Đảng ủy phường Hồng An", kind=OrganizationKind.objects.get(code="party_office"), unit=unit
    )
    agency = Organization.objects.create(
        code="ha-pkt",
        name="Phòng Kinh tế, Hạ tầng và Đô thị phường Hồng An",
        kind=OrganizationKind.objects.get(code="division"),
        unit=unit,
    )
    profile = RegulationProfile.objects.get(code=PROFILE)
    ProfileBinding.objects.create(unit=unit, profile=profile, valid_from=datetime.date(2025, 7, 1))
    return Ward(
        unit=unit,
        office=office,
        agency=agency,
        staff=_login("vanphong", "Ngô Thị Thu", Role.ADVISING_STAFF, office),
        officer=_login("canbo", "Hoàng Anh Tuấn", Role.AGENCY_OFFICER, agency),
        head=_login("lanhdao", "Đỗ Quang Vinh", Role.AGENCY_HEAD, agency),
    )
