"""004 Điều 16.1.c: a dated report duty after each dialogue of a provincial department, the Front or a mass organisation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from dialogues.models import Dialogue, DialogueHost
from organizations.models import AdministrativeLevel, OrganizationKind, PositionKind
from organizations.tests.factories import OrganizationFactory, PersonFactory, UnitFactory, member
from regulations.models import ProfileBinding, RegulationProfile
from reports.dialogue_duties import dialogue_duties, rules_for, submit_after_dialogue
from reports.duties import DutyState
from reports.models import ReportSubmission

D = datetime.date
TODAY = D(2026, 11, 26)


@pytest.fixture
def province(reference):
    """Tỉnh Điện Biên thử (004): Sở Tài nguyên và Môi trường, Ủy ban MTTQ tỉnh and the Party committee hold dialogues."""
    unit = UnitFactory(code="DB-THU", name="Tỉnh Điện Biên thử", level=AdministrativeLevel.objects.get(code="province"))
    profile = RegulationProfile.objects.get(code="dien-bien")
    ProfileBinding.objects.create(unit=unit, profile=profile, valid_from=D(2024, 1, 1))
    return unit


def held(unit, day, org_kind, position, status="held", name=""):
    profile = RegulationProfile.objects.get(code="dien-bien")
    org = OrganizationFactory(unit=unit, kind=OrganizationKind.objects.get(code=org_kind), name=name or f"Cơ quan {org_kind}")
    title = f"Đối thoại {name} {day}"
    made = Dialogue.objects.create(unit=unit, title=title, kind="thematic", date=day, status=status, profile=profile)
    DialogueHost.objects.create(
        dialogue=made, person=PersonFactory(), position=PositionKind.objects.get(code=position), organization=org
    )
    return made


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.mark.django_db
def test_a_department_s_dialogue_gets_a_report_due_with_the_conclusion_deadline(province):
    """004 Điều 16.1.c; the date is the profile's `conclude` rule (004 Điều 11.1): 10 working days after 10/03/2026."""
    made = held(province, D(2026, 3, 10), "department", "department_head", name="Sở Tài nguyên và Môi trường")
    held(province, D(2026, 3, 12), "party_committee", "secretary", name="Tỉnh ủy")  # 16.1.a-b: no report after each
    held(province, D(2026, 4, 2), "department", "department_head", status="cancelled", name="Sở Y tế")
    held(province, D(2026, 12, 10), "fatherland_front", "front_chair", status="planned", name="MTTQ tỉnh")  # not held yet
    duties = dialogue_duties(province, 2026, today=TODAY)
    assert [(d.dialogue_id, d.due, d.rule.citation, d.due_citation) for d in duties] == [
        (made.pk, D(2026, 3, 24), "004 Điều 16.1.c", "004 Điều 11.1")
    ]
    assert [s.date for s in duties[0].skipped] == [D(2026, 3, 14), D(2026, 3, 15), D(2026, 3, 21), D(2026, 3, 22)]
    assert duties[0].host_organization == "Sở Tài nguyên và Môi trường"
    assert "Ban Dân vận Tỉnh ủy" in duties[0].rule.recipient


@pytest.mark.django_db
def test_states_on_time_late_overdue_and_not_started(province):
    on_time = held(province, D(2026, 3, 10), "department", "department_head")
    late = held(province, D(2026, 5, 5), "mass_organization", "mass_org_head")
    overdue = held(province, D(2026, 6, 2), "fatherland_front", "front_chair")
    fresh = held(province, D(2026, 11, 20), "department", "department_head")
    ReportSubmission.objects.create(unit=province, form="other", period=f"D{on_time.pk}", submitted_at=at(D(2026, 3, 20)))
    ReportSubmission.objects.create(unit=province, form="other", period=f"D{late.pk}", submitted_at=at(D(2026, 6, 30)))
    states = {d.dialogue_id: d.state for d in dialogue_duties(province, 2026, today=TODAY)}
    assert states == {
        on_time.pk: DutyState.ON_TIME,
        late.pk: DutyState.LATE,
        overdue.pk: DutyState.OVERDUE,
        fresh.pk: DutyState.NOT_STARTED,
    }


@pytest.mark.django_db
def test_submitting_freezes_the_dialogue_s_row_and_a_viewer_cannot(province):
    made = held(province, D(2026, 3, 10), "department", "department_head")
    viewer = member("upper_viewer", OrganizationFactory(unit=province), username="ban_dan_van_tinh")
    with pytest.raises(PermissionDenied):
        submit_after_dialogue(viewer, made)
    assert not ReportSubmission.objects.exists()
    clerk = member("advising_staff", OrganizationFactory(unit=province), username="van_phong_so")
    first = submit_after_dialogue(clerk, made)
    second = submit_after_dialogue(clerk, made, note="bổ sung")
    assert (first.version, second.version, first.period) == (1, 2, f"D{made.pk}")
    assert first.figures["row"]["dialogue"] == made.pk


@pytest.mark.django_db
def test_no_report_is_asked_after_a_secretary_s_dialogue_and_nothing_is_written(province):
    made = held(province, D(2026, 3, 12), "party_committee", "secretary")
    clerk = member("advising_staff", OrganizationFactory(unit=province), username="van_phong_tinh_uy")
    with pytest.raises(ValidationError):
        submit_after_dialogue(clerk, made)
    assert not ReportSubmission.objects.exists()


@pytest.mark.django_db
def test_the_hai_phong_profiles_ask_no_report_after_each_dialogue(reference):
    """003 and the plans under it set no per-dialogue report (only 004 Điều 16.1.c does)."""
    for code in ("hai-phong-1155-2023", "tan-ky-2025", "hong-an-qt-vp12", "gia-vien-2025"):
        assert rules_for(RegulationProfile.objects.get(code=code)) == []


@pytest.mark.django_db
def test_the_calendar_page_lists_the_duty_and_the_button_submits_it(province):
    made = held(province, D(2026, 3, 10), "department", "department_head", name="Sở Tài nguyên và Môi trường")
    client = Client()
    client.force_login(member("advising_staff", OrganizationFactory(unit=province), username="van_phong_so_tn"))
    page = client.get("/bao-cao/", {"don_vi": "DB-THU", "ky": "2026"})
    assert page.status_code == 200 and "004 Điều 16.1.c" in page.content.decode()
    assert page.context["dialogue_duties"][0].state == DutyState.OVERDUE
    assert client.post(f"/bao-cao/sau-doi-thoai/{made.pk}/gui/", {"don_vi": "DB-THU"}).status_code == 302
    assert ReportSubmission.objects.filter(period=f"D{made.pk}").count() == 1


@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_dialogues(province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    held(province, D(2026, 3, 10), "department", "department_head")
    dialogue_duties(province, 2026, today=TODAY)  # the calendar's cache of official days is warm from here
    with CaptureQueriesContext(connection) as one:
        dialogue_duties(province, 2026, today=TODAY)
    for day in (D(2026, 4, 7), D(2026, 5, 5), D(2026, 6, 2)):
        held(province, day, "mass_organization", "mass_org_head")
    with CaptureQueriesContext(connection) as four:
        assert len(dialogue_duties(province, 2026, today=TODAY)) == 4
    assert len(four) == len(one)
