import pytest

from organizations.enums import Role
from organizations.tests.factories import OrganizationFactory, member

from . import handlers


@pytest.fixture(autouse=True)
def _runs():
    handlers.runs.clear()


@pytest.fixture
def office(kinds):
    """The advising office of Phường Hồng An (a test unit)."""
    return OrganizationFactory(name="Văn phòng Đảng ủy phường Hồng An")


@pytest.fixture
def lan(office):
    """Chị Lan, advising staff of the unit: she starts the jobs."""
    return member(Role.ADVISING_STAFF, office, username="lan", first_name="Lan")


@pytest.fixture
def minh(office):
    """Anh Minh, an agency officer of the same unit: he may view the unit."""
    return member(Role.AGENCY_OFFICER, OrganizationFactory(unit=office.unit), username="minh")


@pytest.fixture
def hoa(kinds):
    """Chị Hoa, staff of another unit: she sees nothing of Hồng An."""
    return member(Role.ADVISING_STAFF, OrganizationFactory(), username="hoa")
