"""A dialogue in Phường Hồng An (petitions' `ward` fixture) with a host who has a login, built row by row.

The notification sources only read dialogues, steps and matters; building them directly keeps these
tests small (no demo). People are named; addresses end in .invalid, so nothing can ever leave.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from common import dates
from dialogues.enums import Status, StepCode
from dialogues.models import Dialogue, DialogueHost, ScheduleStep
from organizations.enums import Role
from organizations.models import Membership, Organization, OrganizationKind, Person, PositionKind
from petitions import casework
from petitions.enums import Channel, PetitionerKind
from regulations.models import RegulationProfile


def host_login(ward) -> tuple[User, Person]:
    """Bí thư Đảng ủy Nguyễn Văn Hải, with the login `bithu`."""
    person = Person.objects.create(full_name="Nguyễn Văn Hải")
    user = User.objects.create_user("bithu", email="bithu@example.invalid", first_name="Nguyễn Văn Hải")
    committee = Organization.objects.create(
        code="ha-du", name="Đảng ủy phường Hồng An", kind=OrganizationKind.objects.get(code="party_committee"), unit=ward.unit
    )
    Membership.objects.create(user=user, organization=committee, role=Role.HOST, person=person)
    return user, person


def dialogue(ward, date: datetime.date, status: str = Status.ANNOUNCED, **fields) -> Dialogue:
    found = Dialogue.objects.create(
        unit=ward.unit,
        title=fields.pop("title", "Đối thoại về chỉnh trang đô thị năm 2026"),
        kind="periodic",
        date=date,
        venue="Hội trường UBND phường",
        profile=RegulationProfile.objects.get(code="hong-an-qt-vp12"),
        advising_office=ward.office,
        status=status,
        **fields,
    )
    return found


def add_host(found: Dialogue, person: Person) -> None:
    DialogueHost.objects.create(
        dialogue=found,
        person=person,
        position=PositionKind.objects.get(code="secretary"),
        organization=Organization.objects.get(code="ha-du"),
    )


def step(found: Dialogue, code: str, due: datetime.date, citation: str = "003 Điều 10.1") -> ScheduleStep:
    return ScheduleStep.objects.create(
        dialogue=found, code=code, due=due, rule="10 ngày làm việc sau hội nghị", citation=citation
    )


def opinion(ward, text: str, found: Dialogue | None = None, email: str = "", phone: str = "0912000111"):
    """An opinion of Ông Trần Văn Bình received by letter today (the date of record, frozen by the test)."""
    who = casework.PetitionerData(PetitionerKind.PERSON, full_name="Trần Văn Bình", phone=phone, email=email)
    return casework.receive(ward.staff, ward.unit, casework.Opinion(text), Channel.LETTER, who, dates.today(), found)


def assigned(ward, text: str, due: datetime.date, found: Dialogue | None = None, **options):
    from regulations.models import OpinionField

    petition = opinion(ward, text, found, **options)
    field = OpinionField.objects.get(profile__code="tan-ky-2025", code="kinh_te")
    casework.classify(petition.case, ward.staff, field, "within")
    casework.assign(petition.case, ward.staff, ward.agency, due)
    petition.refresh_from_db()
    return petition


__all__ = ["StepCode"]
