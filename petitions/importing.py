"""Bulk import of opinions from XLSX or CSV (the Front and residential groups send spreadsheets).

Every row is checked first; either the whole file goes in, or nothing does and the user gets the
row-by-row report in Vietnamese. The same reading and reporting as the master-data import.
A clean preview is kept on the server (organizations.staging) with a one-time token: confirming
twice imports once. Files over IMPORT_BACKGROUND_ROWS rows are imported by a background job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from common.events import event
from common.spreadsheets import xlsx_bytes
from dialogues.models import Dialogue
from organizations.importing import ImportResult, RowError, max_lengths, parse_date, read_records
from organizations.models import AdministrativeUnit, StagedImport
from organizations.staging import claim, content_of, in_background, mark_failed, mark_imported, stage
from regulations.models import profile_for

from .casework import CaseError, Opinion, PetitionerData, receive
from .enums import Channel, PetitionerKind
from .models import Petition, Petitioner, fold

KIND = "petitions"
JOB_KIND = "petitions.import"

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
LENGTHS = {
    "content": 5000,
    "field": 200,
    "channel": 100,
    "received_on": 30,
    **max_lengths(Petitioner, name="full_name", organization="organization_name", address="address", phone="phone"),
    "email": 254,
}


def fields_by_name(unit: AdministrativeUnit) -> dict:
    """The unit's opinion fields (from its regulation profile today) by lower-cased name and by code."""
    profile = profile_for(unit, timezone.localdate())
    found = {}
    for field in profile.opinion_fields() if profile else []:
        found[field.name.lower()] = field
        found[field.code.lower()] = field
    return found


def channel_from(text: str) -> str | None:
    """A channel from its code or its Vietnamese label, with or without accents."""
    wanted = fold(text)
    for value, label in Channel.choices:
        if wanted in (value, fold(str(label))):
            return value
    return None


def check_rows(unit: AdministrativeUnit, name: str, content: bytes, fields_by_name: dict) -> tuple[ImportResult, list[dict]]:
    """Read and check the file; returns the report and the rows ready to import (none if any error)."""
    result = ImportResult(kind=KIND)
    records, errors = read_records(name, content, COLUMNS, REQUIRED, LENGTHS)
    result.errors += errors
    if not records:
        return result, []
    today = timezone.localdate()
    rows = []
    for row in records:
        number = row["line"] = row["_row"]
        for key in REQUIRED:
            if not row[key]:
                result.errors.append(RowError(number, COLUMNS[key], "Không được để trống."))
        if row["channel"] and channel_from(row["channel"]) is None:
            names = "; ".join(str(label) for label in Channel.labels)
            message = f"Kênh '{row['channel']}' không có; dùng một trong: {names}."
            result.errors.append(RowError(number, COLUMNS["channel"], message))
        elif row["channel"]:
            row["channel_label"] = Channel(channel_from(row["channel"])).label  # the preview shows the name, not the code
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
        rows.append(row)
    result.rows = len(rows)
    result.errors.sort(key=lambda error: error.row)
    return result, ([] if result.errors else rows)


def import_rows(
    user: User,
    unit: AdministrativeUnit,
    dialogue: Dialogue | None,
    rows: list[dict],
    fields_by_name: dict,
    progress: Callable[[int], None] | None = None,
) -> list[Petition]:
    """Write checked rows in one transaction: each row is one opinion with its own tracking code."""
    created = []
    with transaction.atomic():
        for index, row in enumerate(rows, start=1):
            if progress and index % 200 == 0:
                progress(index)
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
        event("import.petitions", unit_id=unit.pk, dialogue_id=getattr(dialogue, "pk", None), rows=len(created), user_id=user.pk)
    return created


def template_workbook() -> bytes:
    """The header row and one example row, and the channels by their Vietnamese names on a second sheet."""
    example = [
        "Đề nghị sửa đường ngõ 12 Lê Lợi bị ngập khi mưa",
        "Kinh tế",
        str(Channel.FRONT.label),
        timezone.localdate().strftime("%d/%m/%Y"),
        "Nguyễn Văn A",
        "",
        "Tổ dân phố số 3",
        "",
        "",
    ]
    channels = [["Kênh tiếp nhận"], *([str(label)] for label in Channel.labels)]
    return xlsx_bytes([("Ý kiến, kiến nghị", [list(COLUMNS.values()), example]), ("Kênh tiếp nhận", channels)])


# --- preview and confirmation ------------------------------------------------------------------


@dataclass
class Confirmation:
    """What a confirmation did: imported now, queued as a job, or nothing because it was already done."""

    staged: StagedImport
    done_now: bool = False
    queued: bool = False
    already: bool = False
    result: ImportResult | None = None  # the re-check found errors (the data changed since the preview)


def preview(
    user: User, unit: AdministrativeUnit, dialogue: Dialogue | None, name: str, content: bytes, fields_by_name: dict
) -> tuple[ImportResult, list[dict], StagedImport | None]:
    """Check the file; when clean, keep it on the server for confirmation. Writes no opinion.

    Side effects: one StagedImport row and its file, only when there is no error.
    """
    result, rows = check_rows(unit, name, content, fields_by_name)
    if not result.ok:
        return result, rows, None
    params = {"dialogue": dialogue.pk if dialogue else None}
    staged = stage(KIND, user=user, unit=unit, name=name, content=content, rows=len(rows), params=params)
    return result, rows, staged


def confirm(user: User, token: str, units) -> Confirmation:
    """Import a previewed file once. A second confirmation of the same token imports nothing and says so.

    Raises StagingError (Vietnamese) for an unknown, foreign or expired token. Small files are imported
    here in one transaction with the claim; large ones are handed to a background job whose dedupe key
    is the token. Side effects: the opinions (receive), the StagedImport state, possibly one Job.
    """
    with transaction.atomic():
        staged, fresh = claim(token, kind=KIND, user=user, units=units)
        if not fresh:
            return Confirmation(staged, already=True)
        if not in_background(staged.rows):
            result = run_staged(staged, fields_by_name(staged.unit))
            if not result.ok:
                transaction.set_rollback(True)
                return Confirmation(staged, result=result)
            return Confirmation(staged, done_now=True)
    from jobs.runner import start

    job = start(JOB_KIND, user=user, params={"token": staged.token}, unit=staged.unit, dedupe_key=f"import:{staged.token}")
    staged.refresh_from_db()
    if staged.state == StagedImport.State.QUEUED:
        staged.result_url = reverse("jobs:detail", args=[job.pk])
        staged.save(update_fields=["result_url"])
    return Confirmation(staged, queued=True)


def run_staged(
    staged: StagedImport, fields_by_name: dict, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Re-check the kept file and write it (the caller holds the transaction and the claim).

    Side effects: the opinions, and the StagedImport marked imported with the tracking codes.
    """
    result, rows = check_rows(staged.unit, staged.original_name, content_of(staged), fields_by_name)
    if not result.ok:
        return result
    dialogue = staged.unit.dialogues.filter(pk=staged.params.get("dialogue") or 0).first()
    step = (lambda done: progress(done, len(rows))) if progress else None
    try:
        created = import_rows(staged.imported_by, staged.unit, dialogue, rows, fields_by_name, step)
    except CaseError as error:
        result.errors.append(RowError(0, "", str(error)))
        return result
    result.created = len(created)
    codes = [petition.tracking_code for petition in created]
    mark_imported(staged, created=len(created), url=reverse("petitions:import_batch", args=[staged.token]), codes=codes)
    return result


def import_job(job, token: str) -> None:
    """The background job of a large import; registered in petitions/jobs.py."""
    from jobs.runner import JobFailed

    staged = StagedImport.objects.filter(token=token, kind=KIND).first()
    if staged is None:
        raise JobFailed("Không tìm thấy tệp cần nhập.")
    try:
        with transaction.atomic():
            staged = StagedImport.objects.select_for_update().get(pk=staged.pk)
            if staged.state != StagedImport.State.QUEUED:
                raise JobFailed("Tệp này đã được nhập hoặc không còn chờ nhập.")
            result = run_staged(staged, fields_by_name(staged.unit), job.set_progress)
            if not result.ok:
                raise JobFailed("Tệp không còn hợp lệ: " + "; ".join(error.message for error in result.errors[:5]))
    except JobFailed as error:
        if staged.state == StagedImport.State.QUEUED:
            mark_failed(staged, str(error))
        raise
    except Exception:
        mark_failed(staged, "Lỗi ngoài dự kiến khi nhập tệp.")
        raise
    from common.spreadsheets import csv_bytes

    report = [["Mã theo dõi"], *([code] for code in staged.params.get("codes", []))]
    job.finish(f"ket-qua-nhap-{staged.pk}.csv", csv_bytes(report))
