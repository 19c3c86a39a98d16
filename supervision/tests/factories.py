"""A small world for supervision tests with named people: phường Hồng An (petitions' ward), its Front and a dialogue.

The ward gives the office (Ngô Thị Thu, `vanphong`), the Phòng Kinh tế (Hoàng Anh Tuấn, `canbo`; Đỗ Quang
Vinh, `lanhdao`); here are added the Front committee (Bùi Thị Hoa, `mattran`, its supervisor), the Ban Xây
dựng Đảng (Phạm Văn Hùng, `banxaydung`), one dialogue and one matter from it. Not the whole demo.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User

from dialogues.models import Dialogue
from organizations.enums import Role
from organizations.models import Membership, Organization, OrganizationKind
from petitions import casework
from petitions.enums import Channel, PetitionerKind
from petitions.models import Case
from petitions.tests.factories import Ward, hong_an_ward
from regulations.models import RegulationProfile

CONFERENCE_DAY = datetime.date(2027, 3, 10)  # ahead of today (2026-11-26): the forecast is still open


@dataclass
class World:
    ward: Ward
    front: Organization
    party_board: Organization
    supervisor: User
    board_member: User
    dialogue: Dialogue
    case: Case


def login(username: str, full_name: str, role: str, organization: Organization) -> User:
    user = User.objects.create_user(username, password="matkhau-thu-nghiem", first_name=full_name)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def dialogue(ward: Ward, day: datetime.date = CONFERENCE_DAY, status: str = "planned", title: str = "") -> Dialogue:
    return Dialogue.objects.create(
        unit=ward.unit,
        title=title or f"Hội nghị đối thoại định kỳ {day:%d/%m/%Y}",
        kind="periodic",
        date=day,
        status=status,
        profile=RegulationProfile.objects.get(code="hong-an-qt-vp12"),
        advising_office=ward.office,
    )


def matter(ward: Ward, made: Dialogue, text: str = "Đường ngõ 12 Lê Lợi ngập khi mưa, đề nghị nâng cốt đường") -> Case:
    petitioner = casework.PetitionerData(PetitionerKind.PERSON, full_name="Trần Văn Bình", address="Tổ dân phố số 3")
    opinion = casework.Opinion(text)
    return casework.receive(ward.staff, ward.unit, opinion, Channel.LETTER, petitioner, datetime.date(2026, 11, 2), made).case


def build() -> World:
    ward = hong_an_ward()
    front = Organization.objects.create(
        code="ha-mttq",
        name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Hồng An",
        kind=OrganizationKind.objects.get(code="fatherland_front"),
        unit=ward.unit,
    )
    board = Organization.objects.create(
        code="ha-bxdd",
        name="Ban Xây dựng Đảng Đảng ủy phường Hồng An",
        kind=OrganizationKind.objects.get(code="party_building_board"),
        unit=ward.unit,
    )
    made = dialogue(ward)
    return World(
        ward=ward,
        front=front,
        party_board=board,
        supervisor=login("mattran", "Bùi Thị Hoa", Role.FRONT_SUPERVISOR, front),
        board_member=login("banxaydung", "Phạm Văn Hùng", Role.FRONT_SUPERVISOR, board),
        dialogue=made,
        case=matter(ward, made),
    )
