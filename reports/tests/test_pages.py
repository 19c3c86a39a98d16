"""The reports page, the XLSX download, submitting (snapshot and versions) and the read-only API, with named people."""

import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from api import tokens
from audit.models import SecurityEvent
from organizations.models import OrganizationKind
from organizations.tests.factories import OrganizationFactory, UnitFactory, member
from reports.models import ReportDraft, ReportSubmission

from .helpers import attend, dialogue, petitions, tree

D = datetime.date


@pytest.fixture
def city(reference):
    city, an_binh, binh_minh = tree()
    first = dialogue(an_binh, D(2026, 2, 10), "periodic", host="Trần Văn An")
    attend(first, present=9)
    petitions(first, 3)
    petitions(dialogue(binh_minh, D(2026, 3, 3), "thematic", host="Lê Thị Bình", topic="youth"), 2)
    return city


def client_for(role: str, unit, username: str) -> Client:
    office = OrganizationFactory(unit=unit, kind=OrganizationKind.objects.get(code="mass_mobilization_board"))
    client = Client()
    client.force_login(member(role, office, username=username))
    return client


@pytest.mark.django_db
def test_the_upper_level_viewer_sees_the_city_table_and_its_units(city):
    viewer = client_for("upper_viewer", city, "ban_dan_van_thanh_pho")
    response = viewer.get("/bao-cao/", {"don_vi": "TP-THU", "ky": "2026-Q1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xã An Bình" in html and "Xã Bình Minh" in html
    table = response.context["table"]
    assert table.totals["periodic"]["participants"] == 9 and table.totals["thematic"]["petitions"] == 2
    assert [line.dialogues for line in response.context["lines"]] == [0, 1, 1]


@pytest.mark.django_db
def test_a_commune_officer_cannot_open_the_city_or_the_other_commune(city):
    an_binh = city.children.get(code="XA-AB")
    officer = client_for("advising_staff", an_binh, "can_bo_an_binh")
    assert officer.get("/bao-cao/", {"don_vi": "TP-THU", "ky": "2026-Q1"}).status_code == 403
    assert officer.get("/bao-cao/mau-1.xlsx", {"don_vi": "XA-BM", "ky": "2026-Q1"}).status_code == 403
    assert officer.get("/bao-cao/", {"don_vi": "XA-AB", "ky": "2026-Q1"}).status_code == 200


@pytest.mark.django_db
def test_a_malformed_period_is_a_400_with_a_vietnamese_message(city):
    viewer = client_for("upper_viewer", city, "ban_dan_van_thanh_pho")
    response = viewer.get("/bao-cao/", {"don_vi": "TP-THU", "ky": "2026-Q9"})
    assert response.status_code == 400
    assert "Kỳ báo cáo" in response.content.decode()


@pytest.mark.django_db
def test_the_xlsx_download_is_an_attachment_with_the_same_totals(city):
    viewer = client_for("upper_viewer", city, "ban_dan_van_thanh_pho")
    response = viewer.get("/bao-cao/mau-1.xlsx", {"don_vi": "TP-THU", "ky": "2026-Q1"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(b"".join(response))).active
    assert sheet.cell(14, 4).value == 9  # the total row after two dialogue rows: periodic participants
    assert SecurityEvent.objects.filter(event="download.file", target="mau1:TP-THU:2026-Q1").count() == 1


@pytest.mark.django_db
def test_submitting_freezes_the_figures_and_a_correction_is_a_new_version_with_the_difference(city):
    an_binh = city.children.get(code="XA-AB")
    staff = client_for("advising_staff", an_binh, "can_bo_an_binh")
    assert staff.post("/bao-cao/gui/", {"don_vi": "XA-AB", "ky": "2026-Q1", "action": "draft"}).status_code == 302
    assert ReportDraft.objects.filter(unit=an_binh, period="2026-Q1").count() == 1
    staff.post("/bao-cao/gui/", {"don_vi": "XA-AB", "ky": "2026-Q1", "action": "submit"})
    first = ReportSubmission.objects.get(unit=an_binh, period="2026-Q1")
    assert first.version == 1 and first.figures["totals"]["periodic"]["petitions"] == 3
    petitions(dialogue(an_binh, D(2026, 3, 20), "periodic", host="Trần Văn An"), 4)
    first.refresh_from_db()
    assert first.figures["totals"]["periodic"]["petitions"] == 3  # the submitted figures do not move
    staff.post("/bao-cao/gui/", {"don_vi": "XA-AB", "ky": "2026-Q1", "action": "submit", "note": "Bổ sung hội nghị 20/3"})
    response = staff.get("/bao-cao/", {"don_vi": "XA-AB", "ky": "2026-Q1"})
    assert [v.version for v in response.context["versions"]] == [1, 2]
    assert ("periodic", "petitions", 3, 7) in response.context["changes"]
    viewer = client_for("upper_viewer", city, "ban_dan_van_thanh_pho")
    lines = viewer.get("/bao-cao/", {"don_vi": "TP-THU", "ky": "2026-Q1"}).context["lines"]
    assert [(line.unit.code, line.version) for line in lines] == [("TP-THU", 0), ("XA-AB", 2), ("XA-BM", 0)]


@pytest.mark.django_db
def test_the_upper_viewer_cannot_submit_for_a_commune_and_nothing_is_written(city):
    viewer = client_for("upper_viewer", city, "ban_dan_van_thanh_pho")
    response = viewer.post("/bao-cao/gui/", {"don_vi": "XA-AB", "ky": "2026-Q1", "action": "submit"})
    assert response.status_code == 403
    assert not ReportSubmission.objects.exists() and not ReportDraft.objects.exists()


@pytest.mark.django_db
def test_reports_need_a_login(city):
    assert Client().get("/bao-cao/").status_code == 302


def _token(city):
    admin = member("admin", OrganizationFactory(unit=city), username="quan_tri_thanh_pho")
    return tokens.issue(admin, name="Ứng dụng theo dõi của Thành ủy", organization=OrganizationFactory(unit=city))[1]


@pytest.mark.django_db
def test_the_api_gives_the_same_table_to_a_read_only_token(city):
    secret = _token(city)
    response = Client().get(
        "/api/v1/reports/mau1", {"unit": "TP-THU", "period": "2026-Q1"}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["totals"]["periodic"]["participants"] == 9 and len(body["rows"]) == 2
    rollup = Client().get(
        "/api/v1/reports/rollup", {"unit": "TP-THU", "period": "2026-Q1"}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert [u["unit"] for u in rollup.json()["units"]] == ["TP-THU", "XA-AB", "XA-BM"]


@pytest.mark.django_db
def test_the_api_refuses_another_tree_and_bad_input(city):
    secret = _token(city)
    UnitFactory(code="TP-KHAC", name="Thành phố Khác")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert Client().get("/api/v1/reports/mau1", {"unit": "TP-KHAC", "period": "2026-Q1"}, **auth).status_code == 403
    bad = Client().get("/api/v1/reports/mau1", {"unit": "TP-THU", "period": "Q1-2026"}, **auth)
    assert bad.status_code == 400 and "không hợp lệ" in bad.json()["message"]
    assert Client().get("/api/v1/reports/mau1", {"unit": "TP-THU", "period": "2026-Q1"}).status_code == 401


@pytest.mark.django_db
def test_the_tracking_app_reads_the_calendar_and_mau2_with_a_read_only_token_and_cannot_write(city):
    """002 V.2 "cập nhật trên ứng dụng theo dõi": read-only token, same figures as the pages; bad year 400."""
    secret = _token(city)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    calendar = Client().get("/api/v1/reports/calendar", {"unit": "TP-THU", "year": "2026"}, **auth)
    assert calendar.status_code == 200 and calendar.json()["unit"] == "TP-THU"
    figures = Client().get("/api/v1/reports/mau2", {"unit": "TP-THU", "year": "2026"}, **auth)
    assert figures.status_code == 200
    assert figures.json()["dialogues"] == {"periodic": 1, "thematic": 1, "ad_hoc": 0} and figures.json()["petitions"] == 5
    assert Client().get("/api/v1/reports/mau2", {"unit": "TP-THU", "year": "20x6"}, **auth).status_code == 400
    # the token is read-only: a write through the API is refused and nothing is written
    from petitions.models import Petition

    before = Petition.objects.count()
    refused = Client().post("/api/v1/petitions", {"unit": "TP-THU", "content": "x"}, content_type="application/json", **auth)
    assert refused.status_code == 403 and "chỉ được đọc" in refused.content.decode()
    assert Petition.objects.count() == before
