"""Mẫu 1 as an XLSX file in the seed's layout: header block, merged headers, number formats, A4 landscape."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from common.spreadsheets import neutralise

from .mau1 import Table

KIND_TITLES = ["ĐỐI THOẠI ĐỊNH KỲ (1)", "ĐỐI THOẠI CHUYÊN ĐỀ (2)", "ĐỐI THOẠI ĐỘT XUẤT (3)"]
SUB_TITLES = ["Chủ trì đối thoại", "Đối tượng đối thoại (người dự)"]
PETITION_TITLES = ["Tiếp nhận", "Trả lời tại hội nghị", "Đã giao xử lý", "Đã giải quyết", "Còn tồn đọng"]
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def mau1_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Mau 1"
    sheet["A1"] = neutralise(table.unit.name.upper())
    sheet["P1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    sheet["A4"] = "BẢNG TỔNG HỢP KẾT QUẢ ĐỐI THOẠI"
    sheet["A5"] = "GIỮA NGƯỜI ĐỨNG ĐẦU CẤP ỦY, CHÍNH QUYỀN VỚI NHÂN DÂN"
    sheet["A6"] = table.period.label.upper()
    for cell in ("A4", "A5", "A6"):
        sheet.merge_cells(f"{cell}:X{cell[1:]}")
        sheet[cell].alignment = CENTER
        sheet[cell].font = Font(bold=True)
    top, middle, bottom, numbers = 8, 9, 10, 11
    sheet.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
    sheet.cell(top, 1, "TT")
    sheet.merge_cells(start_row=top, start_column=2, end_row=bottom, end_column=2)
    sheet.cell(top, 2, "Thời gian tổ chức, nội dung đối thoại")
    for index, title in enumerate(KIND_TITLES):
        first = 3 + index * 7
        sheet.merge_cells(start_row=top, start_column=first, end_row=top, end_column=first + 6)
        sheet.cell(top, first, title)
        for offset, sub in enumerate(SUB_TITLES):
            sheet.merge_cells(start_row=middle, start_column=first + offset, end_row=bottom, end_column=first + offset)
            sheet.cell(middle, first + offset, sub)
        sheet.merge_cells(start_row=middle, start_column=first + 2, end_row=middle, end_column=first + 6)
        sheet.cell(middle, first + 2, "Kiến nghị của Nhân dân")
        for offset, sub in enumerate(PETITION_TITLES):
            sheet.cell(bottom, first + 2 + offset, sub)
    sheet.merge_cells(start_row=top, start_column=24, end_row=bottom, end_column=24)
    sheet.cell(top, 24, "Ghi chú")
    for column in range(1, 25):
        sheet.cell(numbers, column, column)
    row_number = numbers
    for row in [*(r.cells() for r in table.rows), table.total_cells()]:
        row_number += 1
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column, neutralise(value))
            if isinstance(value, int):
                cell.number_format = "#,##0"
    for row in sheet.iter_rows(min_row=top, max_row=row_number, max_col=24):
        for cell in row:
            cell.border = BOX
            cell.alignment = CENTER if cell.row <= numbers or cell.column != 2 else Alignment(wrap_text=True, vertical="top")
    for cell in sheet[row_number]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 34
    for column in range(3, 25):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{top}:{numbers}"
    sheet.cell(row_number + 2, 16, "T/M BAN THƯỜNG VỤ …")
    sheet.cell(row_number + 3, 16, "(ký tên, đóng dấu)")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
