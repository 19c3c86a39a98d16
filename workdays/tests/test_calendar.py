"""The working-day calendar (Bộ luật Lao động 2019 Điều 112; Bộ luật Dân sự 2015 Điều 147-148; domain.md §5)."""

import datetime

import pytest

from workdays.calendar import Overrides, WorkCalendar, after, before
from workdays.models import CalendarOverride, OverrideKind

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(reference):
    return WorkCalendar()


def test_tet_2026_five_days_off_then_first_working_day(calendar):
    """Tết Bính Ngọ: 16-20/02/2026 closed; counting from Friday 13/02 lands on Monday 23/02."""
    result = calendar.after(D(2026, 2, 13), 1)
    assert result.date == D(2026, 2, 23)
    assert [s.date for s in result.skipped] == [D(2026, 2, day) for day in range(14, 23)]
    reasons = {s.date: s.reason for s in result.skipped}
    assert reasons[D(2026, 2, 17)] == "Tết Nguyên Đán"
    assert reasons[D(2026, 2, 14)] == "Thứ Bảy"
    assert reasons[D(2026, 2, 15)] == "Chủ nhật"


def test_gio_to_on_sunday_gives_monday_off(calendar):
    """Giỗ Tổ Hùng Vương 10/3 âm lịch falls on Sunday 26/04/2026; Monday 27/04 is the day off in lieu."""
    result = calendar.after(D(2026, 4, 24), 1)
    assert result.date == D(2026, 4, 28)
    reasons = {s.date: s.reason for s in result.skipped}
    assert "Giỗ Tổ Hùng Vương" in reasons[D(2026, 4, 26)]
    assert "Giỗ Tổ Hùng Vương" in reasons[D(2026, 4, 27)]


def test_30_april_and_1_may(calendar):
    """30/4 and 1/5 (Điều 112.1.c-d): from Wednesday 29/04/2026 the next working day is Monday 04/05."""
    result = calendar.after(D(2026, 4, 29), 1)
    assert result.date == D(2026, 5, 4)
    assert not calendar.is_working_day(D(2026, 4, 30))
    assert not calendar.is_working_day(D(2026, 5, 1))


def test_national_day_two_days(calendar):
    """2/9 and one adjacent day (Điều 112.1.đ): 01-02/09/2026 are closed."""
    assert not calendar.is_working_day(D(2026, 9, 1))
    assert not calendar.is_working_day(D(2026, 9, 2))
    assert calendar.is_working_day(D(2026, 9, 3))
    assert calendar.after(D(2026, 8, 28), 1).date == D(2026, 9, 3)


def test_swapped_saturday_2025_is_worked_and_friday_is_off(calendar):
    """2025: Friday 02/05 off in exchange for Saturday 26/04 worked (the package's swap)."""
    assert calendar.is_working_day(D(2025, 4, 26))
    assert not calendar.is_working_day(D(2025, 5, 2))
    assert calendar.after(D(2025, 4, 25), 1).date == D(2025, 4, 26)
    assert calendar.working_reason(D(2025, 4, 26))


def test_cong_van_12729_overrides_shipped(calendar):
    """Công văn 12729/VPCP-KGVX: Friday 02/01/2026 off, Saturday 10/01/2026 worked."""
    assert not calendar.is_working_day(D(2026, 1, 2))
    assert "12729/VPCP-KGVX" in calendar.non_working_reason(D(2026, 1, 2))
    assert calendar.is_working_day(D(2026, 1, 10))
    assert calendar.after(D(2025, 12, 31), 1).date == D(2026, 1, 5)
    assert calendar.after(D(2026, 1, 9), 1).date == D(2026, 1, 10)


def test_without_the_override_the_package_alone_is_wrong_for_2026():
    """The reason the override table exists: the package alone calls 02/01/2026 a working day."""
    bare = WorkCalendar(Overrides.empty())
    assert bare.is_working_day(D(2026, 1, 2))
    assert not bare.is_working_day(D(2026, 1, 10))


def test_removing_a_package_holiday(reference):
    """An administrator can remove a day the package lists (e.g. 24/11 if it is not enacted)."""
    assert not WorkCalendar().is_working_day(D(2026, 11, 24))
    # the shipped row (basis not known) is changed, not duplicated: one decision per day
    CalendarOverride.objects.update_or_create(
        date=D(2026, 11, 24),
        defaults={"kind": OverrideKind.REMOVE_HOLIDAY, "name": "Không nghỉ", "legal_basis": "Thử nghiệm"},
    )
    assert WorkCalendar().is_working_day(D(2026, 11, 24))


def test_event_day_is_not_counted(calendar):
    """Bộ luật Dân sự 2015 Điều 147.3: counting starts the day after the event."""
    assert calendar.after(D(2026, 3, 2), 1).date == D(2026, 3, 3)
    assert calendar.after(D(2026, 3, 2), 5).date == D(2026, 3, 9)


def test_before_guarantees_n_full_working_days(calendar):
    """Seven working days before Monday 23/02/2026 (after Tết): Wednesday 04/02/2026."""
    result = calendar.before(D(2026, 2, 23), 7)
    assert result.date == D(2026, 2, 4)
    assert D(2026, 2, 16) in [s.date for s in result.skipped]


def _working_between(calendar, start, end):
    day, count = start + datetime.timedelta(days=1), 0
    while day < end:
        count += calendar.is_working_day(day)
        day += datetime.timedelta(days=1)
    return count


def test_after_and_before_match_their_definitions_over_three_years(calendar):
    """Brute-force check of both definitions for every day of 2025-2027 and N = 1, 5, 7, 10, 15."""
    day = D(2025, 1, 1)
    while day <= D(2027, 12, 31):
        for n in (1, 5, 7, 10, 15):
            found = calendar.after(day, n).date
            assert calendar.is_working_day(found)
            assert _working_between(calendar, day, found) == n - 1
            latest = calendar.before(day, n).date
            assert calendar.is_working_day(latest) and latest < day
            assert _working_between(calendar, latest, day) >= n
            following = calendar.after(latest, 1).date
            assert following >= day or _working_between(calendar, following, day) < n
        day += datetime.timedelta(days=7 if day.year == 2027 else 1)


def test_skipped_days_lie_between_event_and_result(calendar):
    result = calendar.before(D(2026, 5, 5), 3)
    assert all(result.date < s.date < D(2026, 5, 5) for s in result.skipped)
    assert [s.date for s in result.skipped] == sorted(s.date for s in result.skipped)


@pytest.mark.parametrize("bad", [0, -1, 1001, "3", 2.5, True])
def test_bad_number_of_days_is_refused(calendar, bad):
    with pytest.raises(ValueError):
        calendar.after(D(2026, 1, 5), bad)


def test_calendar_days_end_on_next_working_day(calendar):
    """Bộ luật Dân sự 2015 Điều 148: a period ending on a rest day ends on the next working day."""
    result = calendar.after_calendar_days(D(2026, 4, 24), 2)
    assert result.date == D(2026, 4, 28)
    assert calendar.before_calendar_days(D(2026, 2, 23), 7).date == D(2026, 2, 13)


def test_module_functions_use_database_overrides(reference):
    assert after(D(2026, 1, 1), 1).date == D(2026, 1, 5)
    assert before(D(2026, 1, 12), 1).date == D(2026, 1, 9)
