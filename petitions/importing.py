"""Bulk import of opinions from XLSX or CSV (the Front and residential groups send spreadsheets).

Every row is checked first; either the whole file goes in, or nothing does and the user gets the
row-by-row report in Vietnamese. The same reading and reporting as the master-data import.
"""

from __future__ import annotations

import io

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from dialogues.models import Dialogue
from organizations.importing import ImportResult, RowError, parse_date, read_records
from organizations.models import AdministrativeUnit

from .casework import Opinion, PetitionerData, receive
from .enums import Channel, PetitionerKind
from .models import Petition, fold

COLUMNS = {
    "content": "Nội dung ý kiến, kiến nghị",
    "field": "Lĩnh vực",
    "channel": "Kênh tiếp nhận",
    "received_on": "Ngày nhận",
    "name": "Họ và tên người kiến nghị",
    "organization": "Tổ chức (nếu kiến nghị thay mặt tổ chức)",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "email": "Email",
}
REQUIRED = {"content", "channel", "received_on"}


def channel_from(text: str) -> str | None:
    """A channel from its code or its Vietnamese label, with or without accents."""
    wanted = fold(text)
    for value, label in Channel.choices:
        if wanted in (value, fold(str(label))):
            return value
    return None


def check_rows(unit: AdministrativeUnit, name: str, content: bytes, fields_by_name: dict) -> tuple[ImportResult, list[dict]]:
    """Read and check the file; returns the report and the rows ready to import (none if any error)."""
    result = ImportResult(kind="petitions")
    records, error = read_records(name, content, COLUMNS, REQUIRED)
    if error:
        result.errors.append(error)
        return result, []
    today = timezone.localdate()
    rows = []
    for row in records:
        number = row["line"] = row["_row"]
        for key in REQUIRED:
            if not row[key]:
                result.errors.append(RowError(number, COLUMNS[key], "Không được để trống."))
        if row["channel"] and channel_from(row["channel"]) is None:
            result.errors.append(
                RowError(
                    number, COLUMNS["channel"], f"Kênh '{row['channel']}' không có; dùng một trong: {', '.join(Channel.values)}."
                )
            )
        if row["received_on"]:
            try:
                row["received_on_date"] = parse_date(row["received_on"])
                if row["received_on_date"] > today:
                    result.errors.append(RowError(number, COLUMNS["received_on"], "Ngày nhận không thể sau hôm nay."))
            except ValueError:
                result.errors.append(
                    RowError(number, COLUMNS["received_on"], f"Ngày '{row['received_on']}' không hợp lệ (dd/mm/yyyy).")
                )
        if row["field"] and row["field"].lower() not in fields_by_name:
            result.errors.append(
                RowError(number, COLUMNS["field"], f"Lĩnh vực '{row['field']}' không có trong danh mục của bộ quy định.")
            )
        if len(row["content"]) > 5000:
            result.errors.append(RowError(number, COLUMNS["content"], "Nội dung dài quá 5.000 ký tự."))
        rows.append(row)
    result.rows = len(rows)
    return result, ([] if result.errors else rows)


def import_rows(
    user: User, unit: AdministrativeUnit, dialogue: Dialogue | None, rows: list[dict], fields_by_name: dict
) -> list[Petition]:
    """Write checked rows in one transaction: each row is one opinion with its own tracking code."""
    created = []
    with transaction.atomic():
        for row in rows:
            if row["organization"]:
                person = PetitionerData(
                    PetitionerKind.ORGANIZATION, organization_name=row["organization"], representative=row["name"]
                )
            elif row["name"]:
                person = PetitionerData(PetitionerKind.PERSON, full_name=row["name"])
            else:
                person = PetitionerData(PetitionerKind.UNKNOWN)
            person.address, person.phone, person.email = row["address"], row["phone"], row["email"]
            field = fields_by_name.get(row["field"].lower()) if row["field"] else None
            opinion = Opinion(row["content"], field=field, field_hint=row["field"])
            channel = channel_from(row["channel"])
            created.append(receive(user, unit, opinion, channel, person, row["received_on_date"], dialogue))
    return created


def template_workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Ý kiến, kiến nghị"
    sheet.append(list(COLUMNS.values()))
    sheet.append(
        [
            "Đề nghị sửa đường ngõ 12 Lê Lợi bị ngập khi mưa",
            "Kinh tế",
            "front",
            timezone.localdate().strftime("%d/%m/%Y"),
            "Nguyễn Văn A",
            "",
            "Tổ dân phố số 3",
            "",
            "",
        ]
    )
    codes = book.create_sheet("Kênh tiếp nhận")
    codes.append(["Mã", "Kênh"])
    for value, label in Channel.choices:
        codes.append([value, str(label)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
