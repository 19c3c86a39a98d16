"""A commune under Luật 72/2025/QH15 for the convening and publishing tests, with named people, not the demo.

Phường Hồng An of petitions/tests/factories.py (its office, agency and logins `vanphong`, `canbo`,
`lanhdao`), its QT-VP.12 profile under Hải Phòng's 1155 under the law's profile (the root), an
administrator `quantri` (Trần Minh Quân), the People's Committee and two residential groups.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogues.models import Dialogue
from organizations.enums import Role
from organizations.models import Appointment, Membership, Organization, OrganizationKind, Person, PositionKind
from petitions.tests.factories import PROFILE, Ward, hong_an_ward
from regulations.loading import load_shipped_profile
from regulations.models import RegulationProfile

LAW = "luat-72-2025"
CITY = "hai-phong-1155-2023"
# The smallest valid PDF the upload check accepts as a scan.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Commune:
    ward: Ward
    admin: User
    committee: Organization
    groups: list[Organization]

    @property
    def unit(self):
        return self.ward.unit


def hong_an_commune() -> Commune:
    load_shipped_profile(LAW)
    load_shipped_profile(CITY)
    ward = hong_an_ward()  # loads QT-VP.12, whose parent (the city's 1155) is now there
    city = RegulationProfile.objects.get(code=CITY)
    city.parent = RegulationProfile.objects.get(code=LAW)
    city.save(update_fields=["parent"])
    committee = Organization.objects.create(
        code="ha-ubnd",
        name="Ủy ban nhân dân phường Hồng An",
        kind=OrganizationKind.objects.get(code="peoples_committee"),
        unit=ward.unit,
    )
    group_kind = OrganizationKind.objects.get(code="residential_group")
    groups = [
        Organization.objects.create(code=f"ha-tdp{n}", name=f"Tổ dân phố số {n} phường Hồng An", kind=group_kind, unit=ward.unit)
        for n in (1, 2)
    ]
    admin = User.objects.create_user("quantri", password="matkhau-thu-nghiem", first_name="Trần Minh Quân")
    Membership.objects.create(user=admin, organization=ward.office, role=Role.ADMIN)
    return Commune(ward=ward, admin=admin, committee=committee, groups=groups)


def scan(name: str = "danh-sach-chu-ky.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def dialogue(commune: Commune, *, date: datetime.date, status: str = "planned", unit=None, title: str = "") -> Dialogue:
    """A dialogue written directly (its planning is the dialogues app's business, tested there)."""
    return Dialogue.objects.create(
        unit=unit or commune.unit,
        title=title or f"Đối thoại với Nhân dân phường Hồng An {date:%d/%m/%Y}",
        kind="periodic",
        date=date,
        profile=RegulationProfile.objects.get(code=PROFILE),
        advising_office=commune.ward.office,
        status=status,
    )


def secretary(commune) -> Appointment:
    """Bí thư Đảng ủy phường Hồng An Nguyễn Văn Hải: the host under QT-VP.12 (000 mục 2)."""
    committee = Organization.objects.create(
        code="ha-du",
        name="Đảng ủy phường Hồng An",
        kind=OrganizationKind.objects.get(code="party_committee"),
        unit=commune.unit,
    )
    return Appointment.objects.create(
        person=Person.objects.create(full_name="Nguyễn Văn Hải"),
        organization=committee,
        position=PositionKind.objects.get(code="secretary"),
        start_date=datetime.date(2025, 7, 1),
    )
