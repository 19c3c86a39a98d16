"""Issue 12: every non-statutory day off or worked Saturday shows its decision, or says it is not known."""

import datetime

import pytest

from organizations.enums import Role
from organizations.tests.factories import OrganizationFactory, member
from workdays.calendar import WorkCalendar
from workdays.models import CalendarOverride

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def staff_client(client, reference):
    client.force_login(member(Role.ADVISING_STAFF, OrganizationFactory()))
    return client


@pytest.mark.parametrize("day", [D(2026, 8, 31), D(2026, 8, 22), D(2026, 11, 24)])
def test_package_days_without_a_known_decision_are_listed_for_confirmation(reference, day):
    """31/08/2026 off, 22/08/2026 worked and 24/11/2026 off come from the package alone: the basis is empty."""
    row = CalendarOverride.objects.get(date=day)
    assert row.legal_basis == ""
    assert WorkCalendar().basis(day) == ""


def test_statutory_holidays_and_ordinary_days_need_no_decision(reference):
    calendar = WorkCalendar()
    assert calendar.basis(D(2026, 9, 2)) is None  # Quốc khánh, Bộ luật Lao động 2019 Điều 112
    assert calendar.basis(D(2026, 2, 17)) is None  # Tết Nguyên Đán
    assert calendar.basis(D(2026, 3, 3)) is None  # an ordinary Tuesday
    assert calendar.basis(D(2026, 1, 2)) == "Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"


def test_a_package_swap_with_no_override_is_flagged(reference):
    """02/05/2025 (nghỉ thay cho 26/04/2025) is applied by the package with no decision on file."""
    assert not CalendarOverride.objects.filter(date=D(2025, 5, 2)).exists()
    assert WorkCalendar().basis(D(2025, 5, 2)) == ""
    assert WorkCalendar().basis(D(2025, 4, 26)) == ""


def test_calendar_page_says_the_basis_is_not_known(staff_client):
    page = staff_client.get("/lich-lam-viec/", {"nam": "2026", "thang": "8"}).content.decode()
    for day in ("2026-08-22", "2026-08-31"):
        item = page[page.index(f'<li data-date="{day}"') :]
        item = item[: item.index("</li>")]
        assert "unconfirmed" in item
    assert "quản trị viên cần xác nhận" in page


def test_confirming_a_day_shows_its_decision(staff_client):
    CalendarOverride.objects.filter(date=D(2026, 11, 24)).update(legal_basis="Quyết định thử nghiệm số 1")
    page = staff_client.get("/lich-lam-viec/", {"nam": "2026", "thang": "11"}).content.decode()
    item = page[page.index('<li data-date="2026-11-24"') :]
    item = item[: item.index("</li>")]
    assert "Quyết định thử nghiệm số 1" in item and "unconfirmed" not in item
