"""The year view of a city or province across all its communes (issue 13), with the dialogue Luật 72/2025/QH15
Điều 43 requires of every commune once a year (issue 17): held / not held, paged in SQL, counted in SQL."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogues.annual import annual_view, area_totals
from dialogues.models import Dialogue, DialogueHost
from organizations.enums import Role
from organizations.models import AdministrativeLevel, AdministrativeUnit, Appointment, Organization, Person, PositionKind
from organizations.tests.factories import member
from regulations.models import ProfileBinding, RegulationProfile

pytestmark = pytest.mark.django_db
YEAR = 2026
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def city(reference, monkeypatch):
    """Thành phố Hải Phòng under Quyết định 1155 (003), with an upper-level viewer, Bà Lê Thị Hạnh."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    unit = AdministrativeUnit.objects.create(code="31", name="Thành phố Hải Phòng", level=level("province"))
    ProfileBinding.objects.create(
        unit=unit, profile=RegulationProfile.objects.get(code="hai-phong-1155-2023"), valid_from=datetime.date(2023, 10, 20)
    )
    office = Organization.objects.create(
        code="31-btdv", name="Ban Dân vận Thành ủy", kind_id=kind("mass_mobilization_board"), unit=unit
    )
    member(Role.UPPER_VIEWER, office, username="captren", first_name="Lê Thị Hạnh")
    return unit


def level(code):
    return AdministrativeLevel.objects.get(code=code)


def kind(code):
    from organizations.models import OrganizationKind

    return OrganizationKind.objects.get(code=code).pk


def communes(city, first: int, last: int, held_every: int = 2) -> None:
    """Communes numbered first..last-1; every `held_every`-th holds its periodic dialogue, hosted by its Secretary."""
    secretary = PositionKind.objects.get(code="secretary")
    chair = PositionKind.objects.get(code="committee_chair")
    profile = RegulationProfile.objects.get(code="hai-phong-1155-2023")
    for number in range(first, last):
        unit = AdministrativeUnit.objects.create(
            code=f"31-X{number:03d}", name=f"Xã Thử {number:03d}", level=level("commune"), parent=city
        )
        party = Organization.objects.create(
            code=f"du-{number}", name=f"Đảng ủy xã {number}", kind_id=kind("party_committee"), unit=unit
        )
        people = Organization.objects.create(
            code=f"ub-{number}", name=f"UBND xã {number}", kind_id=kind("peoples_committee"), unit=unit
        )
        bi_thu = Person.objects.create(full_name=f"Trần Văn Bí {number}")
        Appointment.objects.create(person=bi_thu, organization=party, position=secretary, start_date=datetime.date(2025, 7, 1))
        Appointment.objects.create(
            person=Person.objects.create(full_name=f"Phạm Thị Chủ {number}"),
            organization=people,
            position=chair,
            start_date=datetime.date(2025, 7, 1),
        )
        if number % held_every == 0:
            dialogue = Dialogue.objects.create(
                unit=unit,
                title="Đối thoại định kỳ",
                kind="periodic",
                date=datetime.date(YEAR, 5, 20),
                profile=profile,
                status="held",
            )
            DialogueHost.objects.create(dialogue=dialogue, person=bi_thu, position=secretary, organization=party)
        Dialogue.objects.create(  # a cancelled one never counts
            unit=unit, title="Hủy", kind="periodic", date=datetime.date(YEAR, 6, 1), profile=profile, status="cancelled"
        )


def test_luat_72_dieu_43_area_totals_count_communes_that_held_their_dialogue(city):
    """Điều 43: at least one dialogue a year per commune — 3 of 6 held (0, 2, 4), 3 not."""
    communes(city, 0, 6)
    totals = area_totals(city, YEAR)
    assert (totals.communes, totals.held, totals.not_held) == (6, 3, 3)
    assert area_totals(city, YEAR + 1).held == 0


def test_luat_72_dieu_43_one_commune_held_or_not(city):
    communes(city, 0, 2)
    held = annual_view(AdministrativeUnit.objects.get(code="31-X000"), YEAR, TODAY)
    missing = annual_view(AdministrativeUnit.objects.get(code="31-X001"), YEAR, TODAY)
    assert held.statutory.citation == "Luật 72/2025/QH15 Điều 43" and held.statutory.is_summary
    assert (held.statutory_met, missing.statutory_met) == (True, False)
    assert annual_view(city, YEAR, TODAY).statutory is None  # the city itself is not bound by the commune rule


def test_the_year_view_of_a_city_lists_its_communes_held_and_not_held(client, city):
    communes(city, 0, 4)
    client.force_login(User.objects.get(username="captren"))
    response = client.get("/doi-thoai/theo-nam/", {"don_vi": "31", "nam": YEAR})
    page = response.content.decode()
    assert response.status_code == 200
    rows = response.context["communes"]
    assert [row.statutory_met for row in rows] == [True, False, True, False]
    assert [head.verdict for head in rows[0].heads] == ["met", "not_met"]  # 003 Điều 5.2a: 1 per head; the Chair held none
    assert "Luật 72/2025/QH15 Điều 43" in page and "2 / 4" not in page
    assert "statutory-held" in page and "statutory-not-held" in page


def test_the_year_view_pages_in_sql_and_its_queries_do_not_grow_with_communes(client, city, django_assert_max_num_queries):
    """5 communes and 50 communes cost the same number of queries; a page holds 50 rows at most."""
    client.force_login(User.objects.get(username="captren"))
    communes(city, 0, 5)
    url, query = "/doi-thoai/theo-nam/", {"don_vi": "31", "nam": YEAR}
    client.get(url, query)  # warm the session and content types
    with CaptureQueriesContext(connection) as five:
        response = client.get(url, query)
    assert len(response.context["communes"]) == 5
    communes(city, 5, 60)
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = client.get(url, query)
    assert len(response.context["communes"]) == 50 and response.context["totals"].communes == 60
    last = client.get(url, {**query, "trang": 2})
    assert [row.unit.code for row in last.context["communes"]][0] == "31-X050"


def test_a_year_out_of_range_is_refused_with_a_message(client, city):
    client.force_login(User.objects.get(username="captren"))
    response = client.get("/doi-thoai/theo-nam/", {"don_vi": "31", "nam": "99999"})
    assert response.status_code == 400 and "2000" in response.content.decode()
