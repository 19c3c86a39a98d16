"""Import master data from XLSX or CSV: every row is checked first, and only a clean file is written.

A file with any bad row, or with the wrong columns, changes nothing; the user gets a row-by-row
report in Vietnamese. Rows refer to each other by code, so a unit may name a parent defined
earlier in the same file.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from common.events import event
from common.spreadsheets import xlsx_bytes

from .models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Appointment,
    Organization,
    OrganizationKind,
    Person,
    PositionKind,
)


@dataclass
class RowError:
    row: int  # the spreadsheet's row number (header is row 1)
    column: str
    message: str


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(Exception):
    """The file itself cannot be read as the expected table."""


@dataclass
class Sheet:
    kind: str
    title: str
    columns: dict[str, str]  # key → Vietnamese header
    required: set[str]
    write: Callable[[list[dict], ImportResult], None] | None = None
    check: Callable[[list[dict], ImportResult], None] | None = None
    lengths: dict[str, int] = field(default_factory=dict)  # key → longest value the database keeps


def max_lengths(model, **fields: str) -> dict[str, int]:
    """Column key → the model field's max_length, e.g. max_lengths(Person, full_name="full_name")."""
    return {key: model._meta.get_field(name).max_length for key, name in fields.items()}


MAX_COLUMNS = 60  # cells beyond this in a row are never read (a sheet may claim 16,384 columns)
MAX_CELL = 5000  # longest text a cell may hold, whatever the column


def iter_table(name: str, content: bytes) -> Iterator[list[str]]:
    """Rows of cell texts from an .xlsx or .csv file, one at a time (UTF-8, with or without BOM, comma or
    semicolon). The XLSX is opened read-only and streamed, so a huge sheet is never held whole."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng.") from exc
        try:
            for row in book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
                yield [_cell_text(cell) for cell in row]
        except Exception as exc:
            raise ImportFileError("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng.") from exc
        finally:
            book.close()
        return
    if lowered.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError("Tệp CSV phải được lưu với bảng mã UTF-8.") from exc
        first = text.split("\n", 1)[0]
        dialect = ";" if first.count(";") > first.count(",") else ","
        try:
            for row in csv.reader(io.StringIO(text), delimiter=dialect):
                yield [cell.strip() for cell in row[:MAX_COLUMNS]]
        except csv.Error as exc:
            raise ImportFileError(f"Không đọc được tệp CSV: {exc}.") from exc
        return
    raise ImportFileError("Chỉ nhận tệp .xlsx hoặc .csv.")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(text: str) -> datetime.date:
    """A date typed as dd/mm/yyyy or yyyy-mm-dd; ValueError otherwise."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def header_error(headers: list[str], columns: dict[str, str], required: set[str]) -> RowError | None:
    by_header = {header: key for key, header in columns.items()}
    missing = [header for key, header in columns.items() if key in required and header not in headers]
    unknown = [header for header in headers if header and header not in by_header]
    if not (missing or unknown):
        return None
    parts = []
    if missing:
        parts.append("thiếu cột: " + ", ".join(missing))
    if unknown:
        parts.append("cột không nhận ra: " + ", ".join(unknown))
    expected = ", ".join(columns.values())
    return RowError(1, "", f"Sai tiêu đề cột ({'; '.join(parts)}). Các cột cần có (theo tệp mẫu): {expected}.")


def read_records(
    name: str,
    content: bytes,
    columns: dict[str, str],
    required: set[str],
    lengths: dict[str, int] | None = None,
) -> tuple[list[dict], list[RowError]]:
    """The file's rows as dicts (column key → text, "_row" → spreadsheet row) and the errors found.

    Reading stops at the first error about the file itself (unreadable, no data, wrong column headers,
    more rows than IMPORT_MAX_ROWS): the header is checked before any data row is read, and the
    count stops at the limit plus one. A value longer than its column allows (`lengths`, else
    MAX_CELL) is a row error; the caller writes nothing when there is any error.
    """
    limit = settings.IMPORT_MAX_ROWS
    lengths = lengths or {}
    records: list[dict] = []
    errors: list[RowError] = []
    rows = iter_table(name, content)
    try:
        headers = None
        for cells in rows:
            if any(cells):
                headers = [cell.strip() for cell in cells]
                break
        if headers is None:
            return [], [RowError(0, "", "Tệp không có dữ liệu.")]
        problem = header_error(headers, columns, required)
        if problem:
            return [], [problem]
        by_header = {header: key for key, header in columns.items()}
        for number, cells in enumerate(rows, start=2):
            if not any(cells):
                continue
            if len(records) >= limit:
                return [], [RowError(0, "", f"Tệp có hơn {limit} dòng, vượt quá giới hạn {limit} dòng một lần.")]
            record = dict.fromkeys(columns, "")
            for index, header in enumerate(headers):
                if header in by_header and index < len(cells):
                    record[by_header[header]] = cells[index].strip()
            record["_row"] = number
            for key, header in columns.items():
                longest = lengths.get(key, MAX_CELL)
                if len(record[key]) > longest:
                    errors.append(RowError(number, header, f"Dài {len(record[key])} ký tự, quá {longest} ký tự cho phép."))
            records.append(record)
    except ImportFileError as exc:
        return [], [RowError(0, "", str(exc))]
    finally:
        rows.close()
    return records, errors


def run_import(kind: str, name: str, content: bytes, *, units: Iterable[str] | None = None) -> ImportResult:
    """Check every row; write all of them in one transaction only when none has an error.

    `units` are the codes of the units the importing administrator manages (None: the platform
    operator, every unit); a row that creates or changes anything outside them is a row error.
    """
    sheet = SHEETS[kind]
    result = ImportResult(kind=kind)
    records, errors = read_records(name, content, sheet.columns, sheet.required, sheet.lengths)
    result.errors += errors
    if not records:
        return result
    rows = []
    for record in records:
        missing_values = [key for key in sheet.required if not record[key]]
        for key in missing_values:
            result.errors.append(RowError(record["_row"], sheet.columns[key], "Không được để trống."))
        if not missing_values:
            rows.append(record)
    result.rows = len(records)
    sheet.check(rows, result)
    if units is not None:
        _check_scope(kind, rows, set(units), result)
    if result.errors:
        result.errors.sort(key=lambda error: error.row)
        return result
    with transaction.atomic():
        sheet.write(rows, result)
        event("import.master_data", kind=kind, rows=result.rows)
    return result


def _check_scope(kind: str, rows: list[dict], allowed: set[str], result: ImportResult) -> None:
    """A unit administrator imports only inside its subtree (organizations.access decides the subtree)."""
    outside = "nằm ngoài phạm vi quản trị của bạn"
    if kind == "units":
        existing = set(AdministrativeUnit.objects.values_list("code", flat=True))
        for row in rows:
            if row["code"] in existing and row["code"] not in allowed:
                result.errors.append(RowError(row["_row"], "Mã đơn vị", f"Đơn vị '{row['code']}' {outside}."))
            if not row.get("parent"):
                result.errors.append(
                    RowError(row["_row"], "Mã đơn vị cấp trên", "Chỉ người vận hành nền tảng được thêm đơn vị cấp cao nhất.")
                )
            elif row["parent"] in existing and row["parent"] not in allowed:
                result.errors.append(RowError(row["_row"], "Mã đơn vị cấp trên", f"Đơn vị '{row['parent']}' {outside}."))
    elif kind == "organizations":
        unit_of = dict(Organization.objects.values_list("code", "unit__code"))
        for row in rows:
            if row["unit"] not in allowed:
                result.errors.append(RowError(row["_row"], "Mã đơn vị", f"Đơn vị '{row['unit']}' {outside}."))
            for key, header in (("code", "Mã tổ chức"), ("parent", "Mã tổ chức cấp trên")):
                if row.get(key) in unit_of and unit_of[row[key]] not in allowed:
                    result.errors.append(RowError(row["_row"], header, f"Tổ chức '{row[key]}' {outside}."))
    elif kind == "appointments":
        unit_of = dict(Organization.objects.values_list("code", "unit__code"))
        for row in rows:
            if row["organization"] in unit_of and unit_of[row["organization"]] not in allowed:
                result.errors.append(RowError(row["_row"], "Mã tổ chức", f"Tổ chức '{row['organization']}' {outside}."))


# --- administrative units -------------------------------------------------------------------


def _check_units(rows: list[dict], result: ImportResult) -> None:
    levels = set(AdministrativeLevel.objects.values_list("code", flat=True))
    known = set(AdministrativeUnit.objects.values_list("code", flat=True))
    seen: set[str] = set()
    for row in rows:
        if row["code"] in seen:
            result.errors.append(RowError(row["_row"], "Mã đơn vị", f"Mã '{row['code']}' bị lặp trong tệp."))
        seen.add(row["code"])
        if row["level"] not in levels:
            result.errors.append(
                RowError(row["_row"], "Cấp", f"Cấp '{row['level']}' không có; dùng một trong: {', '.join(sorted(levels))}.")
            )
        parent = row.get("parent")
        if parent and parent not in known and parent not in seen:
            result.errors.append(
                RowError(row["_row"], "Mã đơn vị cấp trên", f"Không tìm thấy đơn vị cấp trên '{parent}' (phải có trước).")
            )
        if parent and parent == row["code"]:
            result.errors.append(RowError(row["_row"], "Mã đơn vị cấp trên", "Đơn vị không thể là cấp trên của chính nó."))


def _write_units(rows: list[dict], result: ImportResult) -> None:
    levels = {level.code: level for level in AdministrativeLevel.objects.all()}
    for row in rows:
        parent = AdministrativeUnit.objects.get(code=row["parent"]) if row.get("parent") else None
        unit = AdministrativeUnit.objects.filter(code=row["code"]).first()
        if unit is None:
            AdministrativeUnit.objects.create(code=row["code"], name=row["name"], level=levels[row["level"]], parent=parent)
            result.created += 1
        else:
            unit.name, unit.level, unit.parent = row["name"], levels[row["level"]], parent
            unit.save()
            result.updated += 1


# --- organisations --------------------------------------------------------------------------


def _check_organizations(rows: list[dict], result: ImportResult) -> None:
    kinds = set(OrganizationKind.objects.values_list("code", flat=True))
    units = set(AdministrativeUnit.objects.values_list("code", flat=True))
    known = set(Organization.objects.values_list("code", flat=True))
    seen: set[str] = set()
    for row in rows:
        if row["code"] in seen:
            result.errors.append(RowError(row["_row"], "Mã tổ chức", f"Mã '{row['code']}' bị lặp trong tệp."))
        seen.add(row["code"])
        if row["kind"] not in kinds:
            result.errors.append(RowError(row["_row"], "Loại tổ chức", f"Loại tổ chức '{row['kind']}' không có trong danh mục."))
        if row["unit"] not in units:
            result.errors.append(RowError(row["_row"], "Mã đơn vị", f"Không tìm thấy đơn vị hành chính '{row['unit']}'."))
        parent = row.get("parent")
        if parent and parent not in known and parent not in seen:
            result.errors.append(RowError(row["_row"], "Mã tổ chức cấp trên", f"Không tìm thấy tổ chức cấp trên '{parent}'."))


def _write_organizations(rows: list[dict], result: ImportResult) -> None:
    kinds = {kind.code: kind for kind in OrganizationKind.objects.all()}
    for row in rows:
        values = {
            "name": row["name"],
            "short_name": row.get("short_name", ""),
            "kind": kinds[row["kind"]],
            "unit": AdministrativeUnit.objects.get(code=row["unit"]),
            "parent": Organization.objects.get(code=row["parent"]) if row.get("parent") else None,
        }
        _, created = Organization.objects.update_or_create(code=row["code"], defaults=values)
        result.created += created
        result.updated += not created


# --- people and positions -------------------------------------------------------------------


def _check_appointments(rows: list[dict], result: ImportResult) -> None:
    positions = set(PositionKind.objects.values_list("code", flat=True))
    organizations = set(Organization.objects.values_list("code", flat=True))
    for row in rows:
        if row["organization"] not in organizations:
            result.errors.append(RowError(row["_row"], "Mã tổ chức", f"Không tìm thấy tổ chức '{row['organization']}'."))
        if row["position"] not in positions:
            result.errors.append(RowError(row["_row"], "Chức vụ", f"Chức vụ '{row['position']}' không có trong danh mục."))
        dates = {}
        for key, header in (("start_date", "Từ ngày"), ("end_date", "Đến ngày")):
            if row.get(key):
                try:
                    dates[key] = parse_date(row[key])
                except ValueError:
                    result.errors.append(
                        RowError(row["_row"], header, f"Ngày '{row[key]}' không hợp lệ (dùng dd/mm/yyyy hoặc yyyy-mm-dd).")
                    )
        if "start_date" in dates and "end_date" in dates and dates["end_date"] < dates["start_date"]:
            result.errors.append(RowError(row["_row"], "Đến ngày", "Ngày kết thúc trước ngày bắt đầu."))
        row["start_date"] = dates.get("start_date")
        row["end_date"] = dates.get("end_date")


def _write_appointments(rows: list[dict], result: ImportResult) -> None:
    for row in rows:
        person, _ = Person.objects.get_or_create(
            full_name=row["full_name"], email=row.get("email", ""), defaults={"phone": row.get("phone", "")}
        )
        _, created = Appointment.objects.update_or_create(
            person=person,
            organization=Organization.objects.get(code=row["organization"]),
            position=PositionKind.objects.get(code=row["position"]),
            start_date=row["start_date"],
            defaults={"end_date": row.get("end_date")},
        )
        result.created += created
        result.updated += not created


SHEETS: dict[str, Sheet] = {
    "units": Sheet(
        "units",
        "Đơn vị hành chính",
        {"code": "Mã đơn vị", "name": "Tên đơn vị", "level": "Cấp", "parent": "Mã đơn vị cấp trên"},
        {"code", "name", "level"},
        _write_units,
        _check_units,
        max_lengths(AdministrativeUnit, code="code", name="name", level="code", parent="code"),
    ),
    "organizations": Sheet(
        "organizations",
        "Cơ quan, tổ chức",
        {
            "code": "Mã tổ chức",
            "name": "Tên tổ chức",
            "short_name": "Tên viết tắt",
            "kind": "Loại tổ chức",
            "unit": "Mã đơn vị",
            "parent": "Mã tổ chức cấp trên",
        },
        {"code", "name", "kind", "unit"},
        _write_organizations,
        _check_organizations,
        max_lengths(Organization, code="code", name="name", short_name="short_name", unit="code", parent="code"),
    ),
    "appointments": Sheet(
        "appointments",
        "Cán bộ và chức vụ",
        {
            "full_name": "Họ và tên",
            "email": "Email",
            "phone": "Điện thoại",
            "organization": "Mã tổ chức",
            "position": "Chức vụ",
            "start_date": "Từ ngày",
            "end_date": "Đến ngày",
        },
        {"full_name", "organization", "position", "start_date"},
        _write_appointments,
        _check_appointments,
        max_lengths(Person, full_name="full_name", email="email", phone="phone"),
    ),
}


def template_workbook(kind: str) -> bytes:
    """An empty XLSX with the expected header row, and the allowed codes on a second sheet."""
    sheet = SHEETS[kind]
    levels = list(AdministrativeLevel.objects.values_list("code", "name"))
    kinds = list(OrganizationKind.objects.values_list("code", "name"))
    positions = list(PositionKind.objects.values_list("code", "name"))
    codes = [["Cấp", "Loại tổ chức", "Chức vụ"]]
    for index in range(max(len(levels), len(kinds), len(positions))):
        codes.append(
            [
                f"{levels[index][0]} — {levels[index][1]}" if index < len(levels) else "",
                f"{kinds[index][0]} — {kinds[index][1]}" if index < len(kinds) else "",
                f"{positions[index][0]} — {positions[index][1]}" if index < len(positions) else "",
            ]
        )
    return xlsx_bytes([(sheet.title, [list(sheet.columns.values())]), ("Danh mục mã", codes)])
