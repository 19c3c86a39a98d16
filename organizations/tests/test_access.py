"""The permission matrix: role × unit (own, parent, sibling, child) × action, enforced in organizations.access."""

import pytest

from organizations.access import can, scope, visible_units
from organizations.enums import Role
from organizations.models import AdministrativeLevel, Organization

from .factories import OrganizationFactory, UnitFactory, member

pytestmark = pytest.mark.django_db

# Who may do what in their OWN unit: written out here, not derived from the code under test.
OWN_UNIT = {
    "view": set(Role.values),
    "manage_master_data": {"admin", "advising_staff"},
    "plan_dialogue": {"admin", "advising_staff"},
    "classify_petition": {"admin", "advising_staff"},
    "view_personal_data": {"admin", "advising_staff"},
    "record_conference": {"secretary", "advising_staff"},
    "supervise": {"front_supervisor", "advising_staff", "admin", "upper_viewer"},
    "manage_regulations": {"admin"},
}
# Below their unit: upper-level viewers and administrators read and supervise; only administrators change.
CHILD_UNIT = {action: roles & {"admin"} for action, roles in OWN_UNIT.items()}
CHILD_UNIT["view"] = {"admin", "upper_viewer"}
CHILD_UNIT["supervise"] = {"admin", "upper_viewer"}


@pytest.fixture
def units(kinds):
    city = UnitFactory(code="C1", name="Thành phố Thử", level=AdministrativeLevel.objects.get(code="province"))
    ward = UnitFactory(code="W1", name="Phường Một", parent=city)
    sibling = UnitFactory(code="W2", name="Phường Hai", parent=city)
    return {"city": city, "ward": ward, "sibling": sibling}


def user_with(role, unit):
    return member(role, OrganizationFactory(unit=unit))


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", list(OWN_UNIT))
def test_ward_member_acts_only_in_own_ward(units, role, action):
    user = user_with(role, units["ward"])
    assert can(user, action, units["ward"]) == (role in OWN_UNIT[action])
    assert can(user, action, units["city"]) is False, "a ward member never reaches the level above"
    assert can(user, action, units["sibling"]) is False, "nor a sibling ward"


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", list(OWN_UNIT))
def test_city_member_reads_the_subtree_and_only_admin_changes_it(units, role, action):
    user = user_with(role, units["city"])
    assert can(user, action, units["city"]) == (role in OWN_UNIT[action])
    assert can(user, action, units["ward"]) == (role in CHILD_UNIT[action])
    assert can(user, action, units["sibling"]) == (role in CHILD_UNIT[action])


def test_unknown_action_and_anonymous_are_refused(units):
    from django.contrib.auth.models import AnonymousUser

    user = user_with(Role.ADMIN, units["city"])
    assert not can(user, "delete_everything", units["city"])
    assert not can(AnonymousUser(), "view", units["city"])


def test_inactive_user_can_do_nothing(units):
    user = user_with(Role.ADVISING_STAFF, units["ward"])
    user.is_active = False
    assert not can(user, "view", units["ward"])


def test_visible_units_and_scoped_querysets(units):
    viewer = user_with(Role.UPPER_VIEWER, units["city"])
    staff = user_with(Role.ADVISING_STAFF, units["ward"])
    assert set(visible_units(viewer)) == {units["city"], units["ward"], units["sibling"]}
    assert set(visible_units(staff)) == {units["ward"]}
    organizations = scope(Organization.objects.all(), staff)
    assert organizations.exists()
    assert set(organizations.values_list("unit__code", flat=True)) == {"W1"}


def test_user_with_two_roles_gets_both(units):
    user = user_with(Role.SECRETARY, units["ward"])
    from organizations.models import Membership

    Membership.objects.create(user=user, organization=OrganizationFactory(unit=units["sibling"]), role=Role.ADVISING_STAFF)
    assert can(user, "record_conference", units["ward"]) and not can(user, "plan_dialogue", units["ward"])
    assert can(user, "plan_dialogue", units["sibling"])


def test_unit_pages_are_scoped(client, units):
    staff = user_with(Role.ADVISING_STAFF, units["ward"])
    client.force_login(staff)
    assert client.get("/to-chuc/don-vi/W1/").status_code == 200
    assert client.get("/to-chuc/don-vi/W2/").status_code == 404
    assert client.get("/to-chuc/don-vi/C1/").status_code == 404
    listing = client.get("/to-chuc/").content.decode()
    assert "Phường Một" in listing and "Phường Hai" not in listing


def test_only_administrators_import_master_data(client, units):
    client.force_login(user_with(Role.ADVISING_STAFF, units["ward"]))
    assert client.get("/to-chuc/nhap-du-lieu/").status_code == 403
    client.force_login(user_with(Role.ADMIN, units["city"]))
    assert client.get("/to-chuc/nhap-du-lieu/").status_code == 200
