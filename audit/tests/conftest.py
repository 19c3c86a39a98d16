"""Named people for the security tests: Hùng administers the city, Lan works in a ward office, Khải elsewhere."""

import pytest
from django.contrib.auth.models import User

from organizations.enums import Role
from organizations.models import AdministrativeLevel
from organizations.tests.factories import OrganizationFactory, UnitFactory, member

from .helpers import PASSWORD


@pytest.fixture
def units(kinds):
    city = UnitFactory(code="C1", name="Thành phố Thử", level=AdministrativeLevel.objects.get(code="province"))
    ward = UnitFactory(code="W1", name="Phường Một", parent=city)
    other_city = UnitFactory(code="C2", name="Tỉnh Khác", level=AdministrativeLevel.objects.get(code="province"))
    return {"city": city, "ward": ward, "other": other_city}


def person(role: str, unit, username: str) -> User:
    user = member(role, OrganizationFactory(unit=unit), username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def hung(units) -> User:
    """City administrator."""
    return person(Role.ADMIN, units["city"], "hung")


@pytest.fixture
def lan(units) -> User:
    """Advising staff in the ward (below Hùng's city)."""
    return person(Role.ADVISING_STAFF, units["ward"], "lan")


@pytest.fixture
def khai(units) -> User:
    """Agency officer in another province (outside Hùng's scope)."""
    return person(Role.AGENCY_OFFICER, units["other"], "khai")
