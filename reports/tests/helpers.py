"""Data built for the report tests: a city with two communes, dialogues of each kind, petitions and check-ins."""

import datetime
import itertools

from conference.models import Invitee
from dialogues.models import Dialogue, DialogueHost
from organizations.models import AdministrativeLevel, PositionKind
from organizations.tests.factories import AppointmentFactory, OrganizationFactory, PersonFactory, UnitFactory
from petitions.models import Case, Petition
from regulations.models import RegulationProfile

_codes = itertools.count(1)


def tree():
    """Thành phố Thử (TP-THU) with Xã An Bình (XA-AB) and Xã Bình Minh (XA-BM) below it."""
    city = UnitFactory(code="TP-THU", name="Thành phố Thử", level=AdministrativeLevel.objects.get(code="province"))
    return (
        city,
        UnitFactory(code="XA-AB", name="Xã An Bình", parent=city),
        UnitFactory(code="XA-BM", name="Xã Bình Minh", parent=city),
    )


def dialogue(unit, day: datetime.date, kind: str = "periodic", *, host: str = "Trần Văn An", status: str = "held", **fields):
    made = Dialogue.objects.create(
        unit=unit,
        title=fields.pop("title", f"Đối thoại {kind} {day.isoformat()}"),
        kind=kind,
        date=day,
        status=status,
        profile=RegulationProfile.objects.get(code="tan-ky-2025"),
        **fields,
    )
    person = PersonFactory(full_name=host)
    office = OrganizationFactory(unit=unit)
    AppointmentFactory(person=person, organization=office)
    DialogueHost.objects.create(
        dialogue=made, person=person, position=PositionKind.objects.get(code="secretary"), organization=office
    )
    return made


def attend(made: Dialogue, present: int, absent: int = 0) -> None:
    """`present` checked-in participants and `absent` invited who did not come."""
    now = datetime.datetime(2026, 1, 1, 8, tzinfo=datetime.UTC)
    for n in range(present + absent):
        Invitee.objects.create(dialogue=made, name=f"Đại biểu {next(_codes)}", checked_in_at=now if n < present else None)


def petitions(made: Dialogue, count: int, *, status: str = "received", agency=None, approved_on=None) -> Case:
    """One matter with `count` petitions from the dialogue."""
    case = Case.objects.create(
        unit=made.unit, dialogue=made, summary="Đường ngõ xóm xuống cấp", status=status, agency=agency, approved_on=approved_on
    )
    for _ in range(count):
        Petition.objects.create(
            unit=made.unit,
            dialogue=made,
            case=case,
            content="Đề nghị sửa đường",
            channel="paper_form",
            tracking_code=f"T{next(_codes):08d}",
        )
    return case
