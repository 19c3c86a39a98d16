"""One dialogue walked through a seed's own profile with the verb functions (issue 12 "Done means").

A small world per seed (a commune, its heads, offices, one agency with an officer and a head), then
the walk: plan → announce → collect (an opinion received) → classify → conference held → conclusion
notice issued → the written answer (assigned, drafted, approved, the petitioner told) → archive.
Every date is passed explicitly and `common.dates.today()` is set to the day of each act, so no date
of record lies in the future. The seed tests assert the dates the walk computed against the clauses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from common.tests.clock import today_is
from conference.models import OutcomeKind
from conference.proceedings import record_outcome
from dialogues import lifecycle
from dialogues.enums import StepStatus
from dialogues.models import Dialogue
from dialogues.schedule import plan_schedule
from documents.dossier import checklist, not_applicable
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
from petitions import casework
from petitions.enums import Channel, Jurisdiction
from petitions.models import Case, Petition
from regulations.loading import load_shipped_profile
from regulations.models import ProfileBinding, RegulationProfile
from workdays.loading import load_shipped_overrides

SINCE = datetime.date(2025, 1, 1)
PROFILES = ("luat-72-2025", "hai-phong-1155-2023", "tan-ky-2025", "hong-an-qt-vp12", "gia-vien-2025", "dien-bien")


@dataclass
class Place:
    unit: AdministrativeUnit
    party_office: Organization
    pc_office: Organization
    agency: Organization
    secretary: Appointment
    chair: Appointment
    staff: User
    officer: User
    head: User


@dataclass
class Walk:
    dialogue: Dialogue
    case: Case
    petition: Petition
    assigned_due: datetime.date | None = None
    steps: dict = field(default_factory=dict)  # code → ScheduleStep after the archive
    planned_steps: dict = field(default_factory=dict)  # code → ScheduleStep on the conference day

    def due(self, code: str) -> datetime.date | None:
        return self.steps[code].due


def load_profiles() -> None:
    """The reference data, the calendar's recorded decisions and the shipped profiles (parents first)."""
    load_reference()
    load_shipped_overrides()
    for code in PROFILES:
        load_shipped_profile(code)


def _org(unit: AdministrativeUnit, code: str, kind: str, name: str, parent: Organization | None = None) -> Organization:
    return Organization.objects.create(
        code=code, name=name, kind=OrganizationKind.objects.get(code=kind), unit=unit, parent=parent
    )


def _appoint(name: str, organization: Organization, position: str) -> Appointment:
    person = Person.objects.create(full_name=name)
    return Appointment.objects.create(
        person=person, organization=organization, position=PositionKind.objects.get(code=position), start_date=SINCE
    )


def _user(login: str, name: str, organization: Organization, role: str) -> User:
    user = User.objects.create_user(login, password="matkhau-thu-nghiem", first_name=name)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def place(profile: str, code: str, name: str, province: tuple[str, str] = ("31", "Thành phố Hải Phòng")) -> Place:
    """A commune bound to `profile`: Party committee and People's Committee with their offices and heads,
    and the Phòng Kinh tế as the answering agency (officer Hoàng Anh Tuấn, head Vũ Thị Hạnh)."""
    region = AdministrativeUnit.objects.get_or_create(
        code=province[0], defaults={"name": province[1], "level": AdministrativeLevel.objects.get(code="province")}
    )[0]
    unit = AdministrativeUnit.objects.create(
        code=code, name=name, level=AdministrativeLevel.objects.get(code="commune"), parent=region
    )
    slug = code.lower()
    committee = _org(unit, f"{slug}-danguy", "party_committee", f"Đảng ủy {name}")
    people = _org(unit, f"{slug}-ubnd", "peoples_committee", f"Ủy ban nhân dân {name}")
    party_office = _org(unit, f"{slug}-vpdu", "party_office", f"Văn phòng Đảng ủy {name}", committee)
    pc_office = _org(unit, f"{slug}-vpub", "pc_office", f"Văn phòng HĐND và UBND {name}", people)
    agency = _org(unit, f"{slug}-pkt", "division", f"Phòng Kinh tế {name}", people)
    ProfileBinding.objects.create(unit=unit, profile=RegulationProfile.objects.get(code=profile), valid_from=SINCE)
    return Place(
        unit=unit,
        party_office=party_office,
        pc_office=pc_office,
        agency=agency,
        secretary=_appoint("Nguyễn Văn Hùng", committee, "secretary"),
        chair=_appoint("Phạm Minh Đức", people, "committee_chair"),
        staff=_user(f"vanphong-{slug}", "Ngô Thị Thu", party_office, Role.ADVISING_STAFF),
        officer=_user(f"canbo-{slug}", "Hoàng Anh Tuấn", agency, Role.AGENCY_OFFICER),
        head=_user(f"truongphong-{slug}", "Vũ Thị Hạnh", agency, Role.AGENCY_HEAD),
    )


def sides(dialogue: Dialogue) -> dict[str, set[tuple[str, datetime.date]]]:
    """For each step, the other regulations' dates shown beside its own: {(citation, due)} (the layered rules)."""
    dialogue = Dialogue.objects.get(pk=dialogue.pk)
    planned = plan_schedule(
        dialogue.profile, dialogue.kind, dialogue.date, dialogue.conclusion_issued_on, level=dialogue.unit.level.code
    )
    return {step.code: {(side.citation, side.due) for side in step.side} for step in planned}


def actions(dialogue: Dialogue) -> list[str]:
    return list(dialogue.events.order_by("pk").values_list("action", flat=True))


def done_by_the_work(dialogue: Dialogue) -> list[str]:
    """The steps the work itself marked done (dialogues/progress.py), in the order it did."""
    events = dialogue.events.filter(action__startswith="step_done:").order_by("pk")
    return [event.action.partition(":")[2] for event in events if event.detail.get("auto")]


def _steps(walk: Walk) -> None:
    walk.steps = {step.code: step for step in walk.dialogue.steps.all()}


def walk(
    monkeypatch,
    where: Place,
    *,
    planned: datetime.date,
    received: datetime.date,
    announced: datetime.date,
    held: datetime.date,
    concluded: datetime.date,
    answered: datetime.date,
    archived: datetime.date,
    hosts: list[lifecycle.HostChoice] | None = None,
    advising_office: Organization | None = None,
    kind: str = "periodic",
) -> Walk:
    """Walk one dialogue from plan to archive, each act on its own day (the day it is recorded is "today").

    `walk.planned_steps` are the steps as computed on the conference day (the notice not yet issued),
    `walk.steps` the steps once archived; `walk.assigned_due` the deadline the matter got when assigned.
    """
    today_is(monkeypatch, planned)
    dialogue = lifecycle.create_dialogue(
        where.staff,
        hosts=hosts or [lifecycle.HostChoice(where.secretary)],
        advising_office=advising_office,
        unit=where.unit,
        kind=kind,
        date=held,
        title="Hội nghị đối thoại với Nhân dân về đất đai và môi trường",
    )
    today_is(monkeypatch, received)
    petition = casework.receive(
        where.staff,
        where.unit,
        casework.Opinion("Đề nghị nạo vét mương thoát nước khu dân cư số 3"),
        Channel.PAPER_FORM,
        casework.PetitionerData(full_name="Lê Văn Bình", address="Tổ dân phố số 3"),
        received,
        dialogue,
    )
    case = casework.classify(petition.case, where.staff, None, Jurisdiction.WITHIN)
    result = Walk(dialogue, case, petition)
    today_is(monkeypatch, announced)
    lifecycle.announce(dialogue, where.staff, announced)
    today_is(monkeypatch, held)
    lifecycle.hold(dialogue, where.staff, held)
    _steps(result)
    result.planned_steps = dict(result.steps)
    today_is(monkeypatch, concluded)
    lifecycle.conclude(dialogue, where.staff, concluded)
    record_outcome(dialogue, where.staff, case, OutcomeKind.WRITTEN, where.agency)
    case.refresh_from_db()
    result.assigned_due = case.due
    today_is(monkeypatch, answered)
    casework.draft_answer(case, where.officer, "resolved", "Phường đã bố trí kinh phí nạo vét trong quý")
    casework.approve(case, where.head, answered)
    casework.tell_petitioner(petition, where.officer, answered, "Gửi văn bản qua đường bưu điện")
    today_is(monkeypatch, archived)
    for step in dialogue.steps.filter(status=StepStatus.PENDING).exclude(code="archive"):
        lifecycle.complete_step(step, where.staff, archived)
    for item in checklist(dialogue):
        if not item.complete:
            not_applicable(dialogue, item.rule.code, "Hồ sơ giấy lưu tại Văn phòng, không số hóa trong phép thử")
    lifecycle.archive(dialogue, where.staff, archived)
    dialogue.refresh_from_db()
    case.refresh_from_db()
    result.dialogue, result.case = dialogue, case
    _steps(result)
    return result
