"""Master-data import from XLSX/CSV: a row-by-row report, and a bad file changes nothing."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from organizations.enums import Role
from organizations.importing import run_import, template_workbook
from organizations.models import AdministrativeUnit, Appointment, Organization, Person

from .factories import OrganizationFactory, UnitFactory, member

pytestmark = pytest.mark.django_db


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, delimiter=","):
    return ("\ufeff" + "\n".join(delimiter.join(row) for row in rows)).encode("utf-8")


UNIT_HEADER = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên"]


def test_units_from_xlsx_with_parent_in_the_same_file(kinds):
    result = run_import(
        "units",
        "don-vi.xlsx",
        xlsx([UNIT_HEADER, ["31", "Thành phố Hải Phòng", "province", ""], ["31-HA", "Phường Hồng An", "commune", "31"]]),
    )
    assert result.ok, result.errors
    assert (result.rows, result.created) == (2, 2)
    ward = AdministrativeUnit.objects.get(code="31-HA")
    assert ward.parent.code == "31" and ward.path == "/31/31-HA/"


def test_units_from_csv_with_semicolons_and_bom(kinds):
    result = run_import("units", "don-vi.csv", csv_bytes([UNIT_HEADER, ["11", "Tỉnh Điện Biên", "province", ""]], ";"))
    assert result.ok, result.errors
    assert AdministrativeUnit.objects.get(code="11").name == "Tỉnh Điện Biên"


def test_one_bad_row_and_nothing_is_written(kinds):
    rows = [
        UNIT_HEADER,
        ["31", "Thành phố Hải Phòng", "province", ""],
        ["31-X", "Phường X", "huyện lỵ", "31"],
        ["31-Y", "", "commune", "99"],
        ["31", "Trùng mã", "province", ""],
    ]
    result = run_import("units", "don-vi.xlsx", xlsx(rows))
    assert not result.ok
    assert AdministrativeUnit.objects.count() == 0
    assert AdministrativeUnit.history.count() == 0
    by_row = {(error.row, error.column) for error in result.errors}
    assert (3, "Cấp") in by_row
    assert (4, "Tên đơn vị") in by_row


def test_second_pass_catches_references_and_duplicates(kinds):
    rows = [
        UNIT_HEADER,
        ["31-Y", "Phường Y", "commune", "99"],
        ["31-Z", "Phường Z", "commune", ""],
        ["31-Z", "Lặp", "commune", ""],
    ]
    result = run_import("units", "don-vi.csv", csv_bytes(rows))
    messages = {(error.row, error.column): error.message for error in result.errors}
    assert "Không tìm thấy đơn vị cấp trên '99'" in messages[(2, "Mã đơn vị cấp trên")]
    assert "bị lặp" in messages[(4, "Mã đơn vị")]
    assert AdministrativeUnit.objects.count() == 0


def test_wrong_columns_are_reported_and_nothing_changes(kinds):
    result = run_import("units", "don-vi.xlsx", xlsx([["Code", "Name"], ["31", "Hải Phòng"]]))
    assert not result.ok
    assert "Sai tiêu đề cột" in result.errors[0].message
    assert "Mã đơn vị" in result.errors[0].message
    assert AdministrativeUnit.objects.count() == 0


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("a.pdf", b"%PDF", ".xlsx hoặc .csv"),
        ("a.xlsx", b"not a zip file", "Không đọc được tệp Excel"),
        ("a.csv", "Mã đơn vị".encode("utf-16"), "UTF-8"),
        ("a.csv", b"", "không có dữ liệu"),
    ],
)
def test_unreadable_files(kinds, name, content, fragment):
    result = run_import("units", name, content)
    assert not result.ok
    assert fragment in result.errors[0].message


def test_too_many_rows_is_refused(kinds, settings):
    settings.IMPORT_MAX_ROWS = 10
    rows = [UNIT_HEADER] + [[f"U{n}", f"Phường {n}", "commune", ""] for n in range(11)]
    result = run_import("units", "lon.csv", csv_bytes(rows))
    assert "vượt quá giới hạn" in result.errors[0].message
    assert AdministrativeUnit.objects.count() == 0


def test_organizations_and_appointments(kinds):
    unit = UnitFactory(code="31-HA")
    organizations = run_import(
        "organizations",
        "to-chuc.xlsx",
        xlsx(
            [
                ["Mã tổ chức", "Tên tổ chức", "Tên viết tắt", "Loại tổ chức", "Mã đơn vị", "Mã tổ chức cấp trên"],
                ["ha-du", "Đảng ủy phường Hồng An", "ĐU", "party_committee", "31-HA", ""],
                ["ha-vpdu", "Văn phòng Đảng ủy", "VPĐU", "party_office", "31-HA", "ha-du"],
            ]
        ),
    )
    assert organizations.ok, organizations.errors
    assert Organization.objects.get(code="ha-vpdu").parent.code == "ha-du"
    people = run_import(
        "appointments",
        "can-bo.csv",
        csv_bytes(
            [
                ["Họ và tên", "Email", "Điện thoại", "Mã tổ chức", "Chức vụ", "Từ ngày", "Đến ngày"],
                ["Nguyễn Văn Hùng", "hung@example.vn", "0912345678", "ha-du", "secretary", "01/07/2025", ""],
                ["Trần Thị Lan", "", "", "ha-du", "standing_deputy_secretary", "2025-07-01", "2026-06-30"],
            ]
        ),
    )
    assert people.ok, people.errors
    assert Person.objects.count() == 2
    assert Appointment.objects.get(person__full_name="Trần Thị Lan").end_date.isoformat() == "2026-06-30"
    assert unit.organizations.count() == 2


def test_bad_dates_and_codes_in_appointments(kinds):
    OrganizationFactory(code="ha-du")
    result = run_import(
        "appointments",
        "can-bo.csv",
        csv_bytes(
            [
                ["Họ và tên", "Mã tổ chức", "Chức vụ", "Từ ngày", "Đến ngày"],
                ["A", "ha-du", "secretary", "31/02/2025", ""],
                ["B", "khong-co", "vua", "2025-07-01", "2025-01-01"],
            ]
        ),
    )
    columns = {(error.row, error.column) for error in result.errors}
    assert {(2, "Từ ngày"), (3, "Mã tổ chức"), (3, "Chức vụ"), (3, "Đến ngày")} <= columns
    assert Person.objects.count() == 0


def test_template_has_the_expected_header(kinds):
    book = load_workbook(io.BytesIO(template_workbook("organizations")))
    header = [cell.value for cell in book.worksheets[0][1]]
    assert header == ["Mã tổ chức", "Tên tổ chức", "Tên viết tắt", "Loại tổ chức", "Mã đơn vị", "Mã tổ chức cấp trên"]
    assert any("party_office" in str(cell.value) for cell in book["Danh mục mã"]["B"])


def test_import_page_shows_row_errors_and_saves_nothing(client, kinds):
    admin = member(Role.ADMIN, OrganizationFactory())
    client.force_login(admin)
    upload = io.BytesIO(xlsx([UNIT_HEADER, ["31-X", "Phường X", "không-có", ""]]))
    upload.name = "don-vi.xlsx"
    response = client.post("/to-chuc/nhap-du-lieu/", {"kind": "units", "file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cấp &#x27;không-có&#x27; không có" in page or "Cấp 'không-có' không có" in page
    assert not AdministrativeUnit.objects.filter(code="31-X").exists()
    template = client.get("/to-chuc/nhap-du-lieu/mau/units.xlsx")
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
