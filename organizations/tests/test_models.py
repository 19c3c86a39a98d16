"""Units as a tree, positions with dates, and the audit history of every change."""

import datetime

import pytest

from organizations.models import AdministrativeUnit, Appointment, PositionKind, heads_on, holder_on

from .factories import AppointmentFactory, OrganizationFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_tree_paths_follow_a_move(kinds):
    province = UnitFactory(code="P")
    other = UnitFactory(code="Q")
    ward = UnitFactory(code="W", parent=province)
    group = UnitFactory(code="G", parent=ward)
    assert group.path == "/P/W/G/"
    assert set(AdministrativeUnit.objects.subtree_of(province)) == {province, ward, group}
    ward.parent = other
    ward.save()
    group.refresh_from_db()
    assert group.path == "/Q/W/G/"
    assert [unit.code for unit in group.ancestors()] == ["Q", "W"]
    assert group.is_within(other) and not group.is_within(province)


def test_the_head_on_a_given_day(kinds):
    committee = OrganizationFactory()
    first = AppointmentFactory(organization=committee, start_date=D(2020, 10, 1), end_date=D(2025, 6, 30)).person
    second = AppointmentFactory(organization=committee, start_date=D(2025, 7, 1)).person
    assert holder_on(committee, "secretary", D(2024, 1, 1)) == first
    assert holder_on(committee, "secretary", D(2025, 7, 1)) == second
    assert holder_on(committee, "secretary", D(2019, 1, 1)) is None
    deputy = PositionKind.objects.get(code="standing_deputy_secretary")
    Appointment.objects.create(person=PersonFactory(), organization=committee, position=deputy, start_date=D(2025, 7, 1))
    heads = heads_on(committee.unit, D(2026, 1, 1))
    assert [appointment.person for appointment in heads] == [second], "only head positions count as heads"


def test_every_change_is_in_the_history_with_who(client, kinds, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    unit = UnitFactory(code="H1", name="Phường Cũ")
    response = client.post(
        f"/quan-tri/organizations/administrativeunit/{unit.pk}/change/",
        {"code": "H1", "name": "Phường Mới", "level": unit.level.pk, "parent": ""},
    )
    assert response.status_code == 302, response.content[:500]
    records = unit.history.order_by("history_date")
    assert [record.name for record in records] == ["Phường Cũ", "Phường Mới"]
    assert records.last().history_user == admin
    history_page = client.get(f"/quan-tri/organizations/administrativeunit/{unit.pk}/history/")
    assert history_page.status_code == 200
    assert "Phường Mới" in history_page.content.decode()


def test_non_administrators_cannot_open_the_history(client, kinds, django_user_model):
    unit = UnitFactory()
    user = django_user_model.objects.create_user("canbo", password="x")
    client.force_login(user)
    response = client.get(f"/quan-tri/organizations/administrativeunit/{unit.pk}/history/")
    assert response.status_code == 302  # sent to the admin login
