"""The reporting calendar of each shipped profile for 2026, against the seeds' clauses, and the duty states."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from regulations.models import ProfileBinding, RegulationProfile
from reports.duties import DutyState, profile_duties, unit_duties
from reports.models import ReportDraft, ReportSubmission

D = datetime.date


def table(code: str, year: int = 2026) -> list[tuple[str, str, D | None, str, str]]:
    profile = RegulationProfile.objects.get(code=code)
    return [(d.period.code, d.form, d.due, d.citation, d.recipient) for d in profile_duties(profile, year)]


@pytest.mark.django_db
def test_tan_ky_quarterly_before_the_15th_of_the_quarters_last_month_and_yearly_before_15_11(reference):
    """002 V.2: quarterly before the 15th of the quarter's last month (Mẫu 1), yearly before 15/11 (Mẫu 1 and 2)."""
    to = "Ban Tuyên giáo và Dân vận Thành ủy"
    assert table("tan-ky-2025") == [
        ("2026-Q1", "mau_1", D(2026, 3, 13), "002 V.2", to),  # 15/03 Sunday, 14/03 Saturday
        ("2026-Q2", "mau_1", D(2026, 6, 12), "002 V.2", to),  # 15/06 Monday: 14 Sunday, 13 Saturday
        ("2026-Q3", "mau_1", D(2026, 9, 14), "002 V.2", to),
        ("2026", "mau_1", D(2026, 11, 13), "002 V.2", to),  # 15/11 Sunday, 14/11 Saturday
        ("2026", "mau_2", D(2026, 11, 13), "002 V.2", to),
        ("2026-Q4", "mau_1", D(2026, 12, 14), "002 V.2", to),
    ]


@pytest.mark.django_db
def test_the_days_passed_over_are_listed_with_their_reason(reference):
    first = profile_duties(RegulationProfile.objects.get(code="tan-ky-2025"), 2026)[0]
    assert [s.date for s in first.skipped] == [D(2026, 3, 14)]
    assert first.skipped[0].reason == "Thứ Bảy"
    assert first.sender == "Ban Xây dựng Đảng Đảng ủy xã"


@pytest.mark.django_db
def test_hai_phong_half_year_before_30_6_yearly_before_15_12_and_ban_dan_van_before_20_12(reference):
    """003 Điều 15.1 a-c."""
    via = "Ban Thường vụ Thành ủy (qua Ban Dân vận Thành ủy)"
    assert table("hai-phong-1155-2023") == [
        ("2026-H1", "other", D(2026, 6, 29), "003 Điều 15.1a", via),
        ("2026-H1", "other", D(2026, 6, 29), "003 Điều 15.1b", via),
        ("2026", "other", D(2026, 12, 14), "003 Điều 15.1a", via),
        ("2026", "other", D(2026, 12, 14), "003 Điều 15.1b", via),
        ("2026", "other", D(2026, 12, 18), "003 Điều 15.1c", "Ban Thường vụ Thành ủy"),  # 20/12 Sunday, 19/12 Saturday
    ]


@pytest.mark.django_db
def test_dien_bien_article_16_1_a_to_d(reference):
    """004 Điều 16.1 a, b (half-year, year), c (the provincial bodies, yearly before 15/12), d (Ban Dân vận before 20/12)."""
    rows = [(period, due, citation) for period, _form, due, citation, _to in table("dien-bien")]
    assert rows == [
        ("2026-H1", D(2026, 6, 29), "004 Điều 16.1.a"),
        ("2026-H1", D(2026, 6, 29), "004 Điều 16.1.b"),
        ("2026", D(2026, 12, 14), "004 Điều 16.1.a"),
        ("2026", D(2026, 12, 14), "004 Điều 16.1.b"),
        ("2026", D(2026, 12, 14), "004 Điều 16.1.c"),
        ("2026", D(2026, 12, 18), "004 Điều 16.1.d"),
    ]


@pytest.mark.django_db
def test_a_plan_without_a_date_gives_an_undated_duty_and_seed_000_none(reference):
    assert table("gia-vien-2025") == [("2026", "other", None, "001 IV.1.3", "Ban Tuyên giáo và Dân vận Thành ủy")]


@pytest.mark.django_db
def test_hong_an_states_no_reporting_and_follows_hai_phong_1155(reference):
    """000 sets no reporting regime; QT-VP.12 works under 003, whose Điều 15.1 a-c duties it inherits with their citations."""
    assert table("hong-an-qt-vp12") == table("hai-phong-1155-2023")
    duties = profile_duties(RegulationProfile.objects.get(code="hong-an-qt-vp12"), 2026)
    parent = RegulationProfile.objects.get(code="hai-phong-1155-2023").name
    assert {duty.inherited_from for duty in duties} == {parent}
    assert all(duty.citation.startswith("003 Điều 15.1") for duty in duties)
    own = profile_duties(RegulationProfile.objects.get(code="tan-ky-2025"), 2026)
    assert {duty.inherited_from for duty in own} == {""}  # a plan that states its reporting keeps its own


@pytest.mark.django_db
def test_a_hong_an_unit_has_the_inherited_duties_in_its_calendar(reference):
    from organizations.tests.factories import UnitFactory

    unit = UnitFactory(code="HA-TEST", name="Phường Hồng An thử")
    profile = RegulationProfile.objects.get(code="hong-an-qt-vp12")
    ProfileBinding.objects.create(unit=unit, profile=profile, valid_from=D(2026, 4, 6))
    duties = unit_duties(unit, 2026, today=D(2026, 11, 26))
    assert [(d.period.code, d.due, d.citation) for d in duties][-1] == ("2026", D(2026, 12, 18), "003 Điều 15.1c")
    assert {d.state for d in duties} == {DutyState.OVERDUE, DutyState.NOT_STARTED}


@pytest.mark.django_db
def test_a_holiday_is_passed_over_too(reference):
    """2027: 15/03 is a Monday, 14/03 Sunday, 13/03 Saturday → Friday 12/03."""
    first = profile_duties(RegulationProfile.objects.get(code="tan-ky-2025"), 2027)[0]
    assert first.due == D(2027, 3, 12)
    assert [s.date for s in first.skipped] == [D(2027, 3, 13), D(2027, 3, 14)]


@pytest.fixture
def tan_ky_unit(reference):
    from organizations.tests.factories import UnitFactory

    unit = UnitFactory(code="TK-TEST", name="Xã Tân Kỳ thử")
    ProfileBinding.objects.create(unit=unit, profile=RegulationProfile.objects.get(code="tan-ky-2025"), valid_from=D(2025, 1, 1))
    return unit


def _at(day: D) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.mark.django_db
def test_states_not_started_drafting_on_time_late_overdue(tan_ky_unit):
    """Tân Kỳ's plan binds 2025 (valid to 31/12/2025): Q1 due Fri 14/03, Q2 Fri 13/06, Q3 Fri 12/09, year Fri 14/11."""
    unit = tan_ky_unit
    ReportSubmission.objects.create(unit=unit, form="mau_1", period="2025-Q1", submitted_at=_at(D(2025, 3, 14)))
    ReportSubmission.objects.create(unit=unit, form="mau_1", period="2025-Q2", submitted_at=_at(D(2025, 6, 16)))
    ReportDraft.objects.create(unit=unit, form="mau_1", period="2025-Q4")
    states = {(d.period.code, d.form): d.state for d in unit_duties(unit, 2025, today=D(2025, 11, 20))}
    assert states == {
        ("2025-Q1", "mau_1"): DutyState.ON_TIME,
        ("2025-Q2", "mau_1"): DutyState.LATE,
        ("2025-Q3", "mau_1"): DutyState.OVERDUE,
        ("2025", "mau_1"): DutyState.OVERDUE,
        ("2025", "mau_2"): DutyState.OVERDUE,
        ("2025-Q4", "mau_1"): DutyState.DRAFTING,
    }
    before = {(d.period.code, d.form): d.state for d in unit_duties(unit, 2025, today=D(2025, 9, 12))}
    assert before[("2025-Q3", "mau_1")] == DutyState.NOT_STARTED
    assert unit_duties(unit, 2026) == []  # the 2025 plan binds no duty in 2026


@pytest.mark.django_db
def test_reporting_command_prints_json(reference, capsys):
    call_command("reporting", "--profile", "tan-ky-2025", "--year", "2026", "--json")
    duties = json.loads(capsys.readouterr().out)
    assert duties[0] == {
        "code": "2026-Q1/mau_1/1",
        "period": "2026-Q1",
        "form": "mau_1",
        "due": "2026-03-13",
        "citation": "002 V.2",
        "from": "Ban Xây dựng Đảng Đảng ủy xã",
        "to": "Ban Tuyên giáo và Dân vận Thành ủy",
        "skipped": [{"date": "2026-03-14", "reason": "Thứ Bảy"}],
        "inherited_from": "",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("profile", "year", "message"),
    [("khong-co", "2026", "không có bộ quy định mã 'khong-co'"), ("tan-ky-2025", "20x6", "Năm '20x6' không hợp lệ")],
)
def test_reporting_command_exits_2_on_a_bad_profile_or_year(reference, capsys, profile, year, message):
    with pytest.raises(SystemExit) as exit_info:
        call_command("reporting", "--profile", profile, "--year", year)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
