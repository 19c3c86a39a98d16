"""The staff calendar page: a month view with holidays, swaps and overrides."""

import pytest

from organizations.enums import Role
from organizations.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, reference):
    client.force_login(member(Role.ADVISING_STAFF, OrganizationFactory()))
    return client


def test_january_2026_shows_holiday_override_and_worked_saturday(staff_client):
    page = staff_client.get("/lich-lam-viec/", {"nam": "2026", "thang": "1"}).content.decode()
    assert 'data-date="2026-01-01" data-status="off"' in page
    assert 'class="off override" data-date="2026-01-02"' in page
    assert 'class="worked override" data-date="2026-01-10"' in page
    assert "12729/VPCP-KGVX" in page
    assert "Tết Dương lịch" in page


def test_htmx_navigation_returns_only_the_month(staff_client):
    response = staff_client.get("/lich-lam-viec/", {"nam": "2026", "thang": "2"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page
    assert "Tết Nguyên Đán" in page
    assert 'id="month-title"' in page


def test_bad_month_falls_back_to_this_month(staff_client):
    assert staff_client.get("/lich-lam-viec/", {"nam": "abc", "thang": "13"}).status_code == 200
