"""The Django admin for a unit administrator (demo `quantri`, Hải Phòng): its subtree only.

Shared reference data is read-only for it; the platform operator (superuser) keeps everything.
"""

import pytest
from django.contrib.auth.models import User

from organizations.enums import Role
from organizations.models import AdministrativeLevel, AdministrativeUnit, Membership, Organization, OrganizationKind

from .factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def quantri(client, demo):
    client.force_login(User.objects.get(username="quantri"))
    return client


@pytest.fixture
def dien_bien_admin(demo):
    return member(Role.ADMIN, Organization.objects.get(code="db-vptu"), username="quantri_db", is_staff=True)


def changelist_units(client, url: str, unit_of) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200
    return {unit_of(row).path for row in response.context["cl"].queryset}


@pytest.mark.parametrize(
    ("url", "unit_of"),
    [
        ("/quan-tri/organizations/administrativeunit/", lambda unit: unit),
        ("/quan-tri/organizations/organization/", lambda org: org.unit),
        ("/quan-tri/organizations/appointment/", lambda appointment: appointment.organization.unit),
        ("/quan-tri/organizations/membership/", lambda membership: membership.organization.unit),
        ("/quan-tri/regulations/profilebinding/", lambda binding: binding.unit),
    ],
)
def test_changelists_show_only_the_subtree(quantri, url, unit_of):
    paths = changelist_units(quantri, url, unit_of)
    assert paths and all(path.startswith("/31/") for path in paths)


def test_people_and_users_lists_stop_at_the_subtree(quantri, dien_bien_admin):
    people = {person.full_name for person in quantri.get("/quan-tri/organizations/person/").context["cl"].queryset}
    assert "Trịnh Văn Khánh" in people and "Lò Văn Pấng" not in people
    users = {user.username for user in quantri.get("/quan-tri/auth/user/").context["cl"].queryset}
    assert "vanphong" in users and "quantri_db" not in users


def test_another_provinces_rows_cannot_be_opened_or_changed(quantri):
    organization = Organization.objects.get(code="db-tinhuy")
    page = quantri.get(f"/quan-tri/organizations/organization/{organization.pk}/change/")
    assert page.status_code == 302  # the admin says the object does not exist
    quantri.post(f"/quan-tri/organizations/organization/{organization.pk}/change/", {"name": "Đổi tên"})
    organization.refresh_from_db()
    assert organization.name == "Tỉnh ủy Điện Biên"


def test_an_organisation_cannot_be_added_in_another_province(quantri):
    data = {
        "code": "db-moi",
        "name": "Cơ quan mới",
        "short_name": "",
        "kind": OrganizationKind.objects.get(code="party_office").pk,
        "unit": AdministrativeUnit.objects.get(code="11").pk,
        "is_active": "on",
    }
    response = quantri.post("/quan-tri/organizations/organization/add/", data)
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    assert not Organization.objects.filter(code="db-moi").exists()
    data["unit"] = AdministrativeUnit.objects.get(code="31-HONGAN").pk
    assert quantri.post("/quan-tri/organizations/organization/add/", data).status_code == 302
    assert Organization.objects.get(code="db-moi").unit.code == "31-HONGAN"


def test_a_unit_admin_cannot_add_a_top_level_unit(quantri):
    data = {"code": "99", "name": "Tỉnh mới", "level": AdministrativeLevel.objects.get(code="province").pk, "parent": ""}
    response = quantri.post("/quan-tri/organizations/administrativeunit/add/", data)
    assert response.status_code == 200 and not AdministrativeUnit.objects.filter(code="99").exists()


def test_reference_data_is_read_only_for_a_unit_admin(quantri):
    level = AdministrativeLevel.objects.get(code="province")
    assert quantri.get(f"/quan-tri/organizations/administrativelevel/{level.pk}/change/").status_code == 200
    response = quantri.post(
        f"/quan-tri/organizations/administrativelevel/{level.pk}/change/", {"code": "province", "name": "Đổi", "rank": 1}
    )
    assert response.status_code == 403
    level.refresh_from_db()
    assert level.name != "Đổi"
    assert quantri.get("/quan-tri/organizations/administrativelevel/add/").status_code == 403
    assert quantri.get("/quan-tri/workdays/calendaroverride/add/").status_code == 403


def test_a_unit_admin_can_never_make_a_superuser(quantri):
    target = User.objects.get(username="vanphong")
    page = quantri.get(f"/quan-tri/auth/user/{target.pk}/change/")
    assert page.status_code == 200 and "is_superuser" not in page.context["adminform"].form.fields
    quantri.post(
        f"/quan-tri/auth/user/{target.pk}/change/",
        {"username": "vanphong", "is_superuser": "on", "is_staff": "on", "is_active": "on"},
    )
    target.refresh_from_db()
    assert not target.is_superuser


def test_a_role_cannot_be_granted_in_another_province(quantri):
    target = User.objects.get(username="vanphong")
    data = {"user": target.pk, "organization": Organization.objects.get(code="db-vptu").pk, "role": Role.ADMIN}
    response = quantri.post("/quan-tri/organizations/membership/add/", data)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=target, organization__code="db-vptu").exists()


def test_ordinary_staff_get_no_admin_site(client, demo):
    client.force_login(User.objects.get(username="vanphong"))
    assert client.get("/quan-tri/organizations/organization/").status_code == 302  # to the login page


def test_the_operator_sees_every_province(client, demo):
    client.force_login(User.objects.create_superuser("vanhanh", password="Ba-con-meo-treo-cay-cau-2026"))
    paths = changelist_units(client, "/quan-tri/organizations/organization/", lambda org: org.unit)
    assert any(path.startswith("/11/") for path in paths) and any(path.startswith("/31/") for path in paths)
