"""The dashboard's numbers (one grouped query per chart), its XLSX and print view, and the CSP-safe SVG."""

import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from organizations.models import OrganizationKind
from organizations.tests.factories import OrganizationFactory, member
from reports import dashboard
from reports.periods import parse_period

from .helpers import dialogue, petitions, tree

D = datetime.date


@pytest.fixture
def city(reference):
    city, an_binh, binh_minh = tree()
    agency = OrganizationFactory(unit=an_binh, name="Phòng Kinh tế An Bình")
    slow = OrganizationFactory(unit=binh_minh, name="Phòng Nội vụ Bình Minh")
    first = dialogue(an_binh, D(2026, 2, 10), "periodic", host="Trần Văn An")
    on_time = petitions(first, 3, status="closed", agency=agency, approved_on=D(2026, 3, 1))
    on_time.due = D(2026, 3, 10)
    on_time.jurisdiction = "within"
    on_time.save()
    second = dialogue(binh_minh, D(2026, 3, 3), "thematic", host="Lê Thị Bình", topic="youth")
    late = petitions(second, 2, status="closed", agency=slow, approved_on=D(2026, 3, 25))
    late.due = D(2026, 3, 20)
    late.save()
    overdue = petitions(second, 1, status="assigned", agency=slow)
    overdue.due = D(2026, 3, 24)
    overdue.save()
    from petitions.models import Petition

    Petition.objects.filter(case=late).update(received_on=D(2026, 3, 3), channel="front")
    Petition.objects.filter(case__in=[on_time, overdue]).update(received_on=D(2026, 2, 1))
    Petition.objects.filter(case=overdue).update(received_on=D(2026, 5, 5))  # next quarter: only in the trend
    return city


def charts_of(city, code="2026-Q1") -> dict:
    return {chart.key: chart for chart in dashboard.build(city, parse_period(code))}


@pytest.mark.django_db
def test_each_chart_counts_the_subtree_in_the_period(city):
    charts = charts_of(city)
    assert charts["kinds"].rows == [("Định kỳ", 1), ("Chuyên đề", 1), ("Đột xuất", 0)]
    assert sorted(n for _label, n in charts["channels"].rows) == [2, 3]
    assert sorted(n for _label, n in charts["jurisdiction"].rows) == [2, 3]
    assert charts["agencies"].rows == [("Phòng Nội vụ Bình Minh", 1, 1, 0), ("Phòng Kinh tế An Bình", 0, 0, 1)]  # matters
    assert charts["trend"].rows == [("Quý 1", 5), ("Quý 2", 1), ("Quý 3", 0), ("Quý 4", 0)]


@pytest.mark.django_db
def test_a_chart_query_each_whatever_the_number_of_units(city, django_assert_num_queries):
    with django_assert_num_queries(6):
        dashboard.build(city, parse_period("2026"))


@pytest.mark.django_db
def test_the_page_xlsx_and_print_view_for_the_upper_level_viewer(city):
    viewer = Client()
    office = OrganizationFactory(unit=city, kind=OrganizationKind.objects.get(code="mass_mobilization_board"))
    viewer.force_login(member("upper_viewer", office, username="ban_dan_van_thanh_pho"))
    page = viewer.get("/bao-cao/bang-dieu-khien/", {"don_vi": "TP-THU", "ky": "2026-Q1"})
    assert page.status_code == 200
    html = page.content.decode()
    main = html.split("<main", 1)[1]  # the header has its own icons (the notification bell)
    assert main.count("<svg") == 6 and "<script" not in main
    assert "Phòng Nội vụ Bình Minh" in html
    printed = viewer.get("/bao-cao/bang-dieu-khien/", {"don_vi": "TP-THU", "ky": "2026-Q1", "in": "1"})
    assert 'name="ky"' not in printed.content.decode()
    book = load_workbook(io.BytesIO(b"".join(viewer.get("/bao-cao/bang-dieu-khien.xlsx", {"don_vi": "TP-THU", "ky": "2026-Q1"}))))
    assert len(book.sheetnames) == 6
    assert viewer.get("/bao-cao/bang-dieu-khien/", {"don_vi": "TP-THU", "ky": "năm nay"}).status_code == 400
