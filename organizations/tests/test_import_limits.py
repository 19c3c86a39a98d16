"""Spreadsheet reading limits: header and row limit are checked while streaming; long values are row
errors; a unit administrator imports only inside its subtree. A refused file writes nothing."""

import io

import pytest
from openpyxl import Workbook

from organizations import importing
from organizations.importing import run_import
from organizations.models import AdministrativeUnit, Appointment, Organization, Person

from .factories import UnitFactory

pytestmark = pytest.mark.django_db
UNIT_HEADER = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên"]
PERSON_HEADER = ["Họ và tên", "Email", "Điện thoại", "Mã tổ chức", "Chức vụ", "Từ ngày", "Đến ngày"]


@pytest.fixture
def rows_read(monkeypatch):
    """Counts the rows the reader actually pulls from the file."""
    counter = {"rows": 0}
    real = importing.iter_table

    def counting(name, content):
        for row in real(name, content):
            counter["rows"] += 1
            yield row

    monkeypatch.setattr(importing, "iter_table", counting)
    return counter


def big_csv(rows: int, header=UNIT_HEADER) -> bytes:
    body = "".join(f"U{n},Phường {n},commune,31\n" for n in range(rows))
    return (",".join(header) + "\n" + body).encode()


def test_a_400000_row_csv_is_refused_after_reading_only_limit_plus_one_rows(kinds, settings, rows_read):
    settings.IMPORT_MAX_ROWS = 20000
    result = run_import("units", "lon.csv", big_csv(400_000))
    assert not result.ok and "hơn 20000 dòng" in result.errors[0].message
    assert rows_read["rows"] == 1 + 20001  # the header and one row past the limit, not 400,001
    assert AdministrativeUnit.objects.count() == 0


def test_a_large_xlsx_is_streamed_and_stopped_at_the_limit(kinds, settings, rows_read):
    settings.IMPORT_MAX_ROWS = 100
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(UNIT_HEADER)
    for n in range(5000):
        sheet.append([f"U{n}", f"Phường {n}", "commune", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    result = run_import("units", "lon.xlsx", buffer.getvalue())
    assert "vượt quá giới hạn 100" in result.errors[0].message
    assert rows_read["rows"] == 1 + 101


def test_wrong_headers_are_reported_before_any_data_row_is_read(kinds, rows_read):
    result = run_import("units", "sai.csv", big_csv(400_000, header=["Mã", "Tên", "Cấp", "Cha"]))
    assert "Sai tiêu đề cột" in result.errors[0].message and result.errors[0].row == 1
    assert rows_read["rows"] == 1


def test_a_500_character_name_is_a_row_error_and_nothing_is_written(kinds):
    UnitFactory(code="31")
    rows = [UNIT_HEADER, ["31-A", "Phường A", "commune", "31"], ["31-B", "B" * 500, "commune", "31"]]
    content = "\n".join(",".join(row) for row in rows).encode()
    result = run_import("units", "dai.csv", content)
    assert [(error.row, error.column) for error in result.errors] == [(3, "Tên đơn vị")]
    assert "quá 200 ký tự" in result.errors[0].message
    assert not AdministrativeUnit.objects.filter(code__in=["31-A", "31-B"]).exists()


def test_a_too_long_person_name_is_a_row_error(kinds):
    content = "\n".join([",".join(PERSON_HEADER), ",".join(["N" * 201, "", "", "x", "secretary", "01/07/2025", ""])])
    result = run_import("appointments", "a.csv", content.encode())
    assert any(error.column == "Họ và tên" and "quá 200" in error.message for error in result.errors)
    assert Person.objects.count() == 0 and Appointment.objects.count() == 0


def test_a_unit_admin_imports_only_inside_its_subtree(demo):
    hai_phong = AdministrativeUnit.objects.filter(path__startswith="/31/").values_list("code", flat=True)
    rows = [
        UNIT_HEADER,
        ["31-MOI", "Phường Mới", "commune", "31"],
        ["11-MOI", "Xã Mới", "commune", "11"],
        ["11", "Tỉnh Điện Biên (đổi tên)", "province", ""],
    ]
    content = "\n".join(",".join(row) for row in rows).encode()
    result = run_import("units", "pham-vi.csv", content, units=hai_phong)
    assert {error.row for error in result.errors} == {3, 4}
    assert not AdministrativeUnit.objects.filter(code__in=["31-MOI", "11-MOI"]).exists()
    assert AdministrativeUnit.objects.get(code="11").name == "Tỉnh Điện Biên"
    organizations = "\n".join(
        [
            "Mã tổ chức,Tên tổ chức,Tên viết tắt,Loại tổ chức,Mã đơn vị,Mã tổ chức cấp trên",
            "db-tinhuy,Tên mới,,party_committee,31,",
        ]
    ).encode()
    result = run_import("organizations", "to-chuc.csv", organizations, units=hai_phong)
    assert [error.column for error in result.errors] == ["Mã tổ chức"]
    assert Organization.objects.get(code="db-tinhuy").unit.code == "11"
    assert run_import("units", "ok.csv", "\n".join(",".join(row) for row in rows[:2]).encode(), units=hai_phong).ok


def test_the_import_page_applies_the_administrators_scope(client, demo):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="quantri"))
    content = "\n".join([",".join(UNIT_HEADER), "11-MOI,Xã Mới,commune,11"]).encode()
    upload = io.BytesIO(content)
    upload.name = "don-vi.csv"
    response = client.post("/to-chuc/nhap-du-lieu/", {"kind": "units", "file": upload})
    assert response.status_code == 400 and "ngoài phạm vi" in response.content.decode()
    assert not AdministrativeUnit.objects.filter(code="11-MOI").exists()
