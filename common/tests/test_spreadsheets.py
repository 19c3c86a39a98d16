"""Every XLSX/CSV the system writes neutralises formula-looking text (CSV/XLSX injection)."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from common.spreadsheets import csv_bytes, neutralise, xlsx_bytes

DANGEROUS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://x","bấm")']


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_text_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Nguyễn Văn A", "1+1", "", "a=b", -5, 3.5, None])
def test_ordinary_values_are_unchanged(value):
    assert neutralise(value) == value


def test_xlsx_cells_come_out_as_text_not_formulas():
    content = xlsx_bytes([("Xuất", [["Nội dung", "Số"], ["=1+1", -3], ["@SUM(1)", 4]])])
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet["A"]] == ["Nội dung", "'=1+1", "'@SUM(1)"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["B2"].value == -3  # a negative number stays a number


def test_csv_cells_come_out_neutralised_with_a_bom():
    content = csv_bytes([["Họ tên", "Ghi chú"], ["Nguyễn Văn A", "=1+1"], ["Trần B", "+84912"]])
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["Họ tên", "Ghi chú"], ["Nguyễn Văn A", "'=1+1"], ["Trần B", "'+84912"]]


def test_long_sheet_titles_are_cut_to_excel_limit():
    content = xlsx_bytes([("Một tên trang tính rất dài vượt quá ba mươi mốt ký tự", [["x"]])])
    assert len(load_workbook(io.BytesIO(content)).sheetnames[0]) == 31


def test_aware_times_are_written_in_local_time():
    from django.utils import timezone

    moment = timezone.make_aware(datetime.datetime(2026, 11, 2, 8, 30))
    sheet = load_workbook(io.BytesIO(xlsx_bytes([("t", [[moment]])]))).active
    assert sheet["A1"].value == datetime.datetime(2026, 11, 2, 8, 30)
