"""Spreadsheet import of opinions: good file, bad rows, wrong columns, a huge file — all or nothing."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from petitions.importing import COLUMNS, check_rows, import_rows, template_workbook
from petitions.models import Case, Petition
from petitions.views import _fields_by_name

from .helpers import hong_an, user

pytestmark = pytest.mark.django_db
HEADER = list(COLUMNS.values())


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(content="Đề nghị sửa đường ngõ 12", field="Kinh tế", channel="front", day="02/11/2026", name="Nguyễn Văn A"):
    return [content, field, channel, day, name, "", "Tổ dân phố số 3", "", ""]


def run(content, name="y-kien.xlsx"):
    unit = hong_an()
    fields = _fields_by_name(unit)
    result, rows = check_rows(unit, name, content, fields)
    created = import_rows(user("vanphong"), unit, None, rows, fields) if result.ok else []
    return result, created


def test_good_file_goes_in_whole_with_tracking_codes(ward):
    result, created = run(xlsx([HEADER, row(), row("Trộm cắp ở tổ 6", "Quốc phòng - An ninh", "front", name="")]))
    assert result.ok and len(created) == 2
    assert created[0].case.field.code == "kinh_te" and created[0].petitioner.full_name == "Nguyễn Văn A"
    assert created[1].channel == "front" and created[1].petitioner is None
    assert len({p.tracking_code for p in created}) == 2


def test_csv_with_codes(ward):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerow(["Rác thải ở kênh tổ 3", "dat_dai_moi_truong", "residential_group", "2026-11-03", "", "", "", "", ""])
    result, created = run(buffer.getvalue().encode("utf-8"), "y-kien.csv")
    assert result.ok and created[0].case.field.code == "dat_dai_moi_truong"


def test_bad_rows_import_nothing_and_report_each(ward):
    rows = [
        HEADER,
        row(),
        row(content=""),
        row(channel="bồ câu"),
        row(day="31/02/2026"),
        row(field="Thiên văn"),
        row(day="01/01/2099"),
    ]
    result, created = run(xlsx(rows))
    assert not result.ok and created == []
    assert Petition.objects.count() == 0 and Case.objects.count() == 0
    reported = {(error.row, error.column) for error in result.errors}
    assert reported == {
        (3, COLUMNS["content"]),
        (4, COLUMNS["channel"]),
        (5, COLUMNS["received_on"]),
        (6, COLUMNS["field"]),
        (7, COLUMNS["received_on"]),
    }


def test_wrong_columns(ward):
    result, created = run(xlsx([["Content", "Channel"], ["x", "front"]]))
    assert not result.ok and "Sai tiêu đề cột" in result.errors[0].message and created == []


def test_huge_file_is_refused_whole(ward, settings):
    settings.IMPORT_MAX_ROWS = 2000
    result, created = run(xlsx([HEADER] + [row(f"Ý kiến số {n}") for n in range(2001)]))
    assert not result.ok and "vượt quá giới hạn" in result.errors[0].message
    assert Petition.objects.count() == 0


def test_a_large_good_file_goes_in(ward):
    result, created = run(xlsx([HEADER] + [row(f"Ý kiến số {n} về đường ngõ {n}") for n in range(400)]))
    assert result.ok and Petition.objects.count() == 400


def test_template_has_the_columns(ward):
    book = load_workbook(io.BytesIO(template_workbook()))
    assert [cell.value for cell in book.worksheets[0][1]] == HEADER
