"""Issue 16: the opinions list is ordered the way that costs what the user's scope holds.

A province in a country's two million matters took 600 ms for its first page: PostgreSQL walked the whole table's
index of `created_at` from the newest matter, passing every newer matter of the other provinces. A small scope
of several units is now ordered on an expression that index does not cover (benchmarks/run.py measures it).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.enums import Role
from organizations.models import AdministrativeLevel, AdministrativeUnit, Membership, Organization, OrganizationKind

from .helpers import receive

pytestmark = pytest.mark.django_db
ORDERED_THROUGH_UNITS = 'ORDER BY COALESCE("petitions_case"."created_at", "petitions_case"."created_at") DESC'


def _city_viewer(ward) -> User:
    """Lý Văn Sơn follows the city (Hồng An and Gia Viên); the country has ten other provinces."""
    province = AdministrativeLevel.objects.get(code="province")
    for number in range(10):
        AdministrativeUnit.objects.create(code=f"9{number}", name=f"Tỉnh thử {number}", level=province)
    AdministrativeUnit.objects.create(
        code="31-GIAVIEN", name="Phường Gia Viên", level=AdministrativeLevel.objects.get(code="commune"), parent=ward.unit.parent
    )
    board = Organization.objects.create(
        code="hp-btgdv",
        name="Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
        kind=OrganizationKind.objects.get(code="mass_mobilization_board"),
        unit=ward.unit.parent,
    )
    viewer = User.objects.create_user("captren", password="matkhau-thu-nghiem", first_name="Lý Văn Sơn")
    Membership.objects.create(user=viewer, organization=board, role=Role.UPPER_VIEWER)
    return viewer


def _listed(client, user) -> tuple[list[int], str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/y-kien/")
    assert response.status_code == 200
    return [case.pk for case in response.context["cases"]], " ".join(query["sql"] for query in queries.captured_queries)


def test_issue16_a_small_scope_of_several_units_reads_its_own_rows_newest_first(ward, client):
    viewer = _city_viewer(ward)  # 3 of 13 units: at most a quarter of the country
    cases = [receive(f"Ý kiến số {number} về đường ngõ {number}").case for number in range(4)]
    listed, sql = _listed(client, viewer)
    assert listed == [case.pk for case in reversed(cases)]  # newest first, as for everyone
    assert ORDERED_THROUGH_UNITS in sql  # the order that reads the scope's rows through their units


def test_issue16_a_single_unit_or_a_large_share_keeps_the_index_order(ward, client):
    cases = [receive(f"Ý kiến số {number}").case for number in range(3)]
    listed, sql = _listed(client, ward.staff)  # one ward: its (unit, created_at) index gives the order
    assert listed == [case.pk for case in reversed(cases)]
    assert ORDERED_THROUGH_UNITS not in sql
    viewer = _city_viewer(ward)
    AdministrativeUnit.objects.filter(code__startswith="9").delete()  # now the city is most of the country
    listed, sql = _listed(client, viewer)
    assert listed == [case.pk for case in reversed(cases)]
    assert ORDERED_THROUGH_UNITS not in sql


def test_issue16_the_api_lists_a_small_scope_the_same_way(ward, client):
    viewer = _city_viewer(ward)
    received = [receive(f"Ý kiến số {number}") for number in range(3)]
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/petitions")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [petition.pk for petition in reversed(received)]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert 'ORDER BY COALESCE("petitions_petition"."received_on", "petitions_petition"."received_on") DESC' in sql


def test_issue16_a_small_scope_with_more_rows_than_the_bound_keeps_the_walk(ward, client, monkeypatch):
    """Sorting a small scope's keys pays only while they are few: past SORT_AT_MOST the index walk stays."""
    viewer = _city_viewer(ward)
    cases = [receive(f"Ý kiến số {number}").case for number in range(3)]
    monkeypatch.setattr("petitions.filters.SORT_AT_MOST", 2)
    listed, sql = _listed(client, viewer)
    assert listed == [case.pk for case in reversed(cases)]
    assert ORDERED_THROUGH_UNITS not in sql
