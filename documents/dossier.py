"""A dialogue's dossier (hồ sơ): the profile's checklist, each item generated, uploaded, or not applicable.

000 mục 7 (14 items in three groups), 002 IV.4.2 (plus the assignment documents), 003 Điều 15.2;
kept by the advising office (002 IV.4.1). Exported as one ZIP in the checklist's order with an index.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction

from common.uploads import SCANS, UploadRejected, check_upload
from dialogues.models import Dialogue, DialogueDuty
from petitions.models import OpinionSheet, Output
from petitions.privacy import Gate
from regulations.models import DossierItem

from .issuer import family
from .issuing import header, in_force, issue
from .kinds import Kind
from .models import DossierEntry, DossierFile, DossierStatus, IssuedDocument
from .personal import dossier_file_for
from .render import Block, Content, built_in, render

MAX_SCAN_BYTES = 20 * 1024 * 1024


class DossierError(Exception):
    """A refused change; the message is for the user."""


@lru_cache(maxsize=1)
def generated_items() -> dict[str, str]:
    return yaml.safe_load((Path(__file__).resolve().parent / "data" / "generated_items.yaml").read_text(encoding="utf-8"))


@dataclass
class Item:
    rule: DossierItem
    entry: DossierEntry | None
    kind: str | None
    files: list = field(default_factory=list)
    recorded: list = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.entry.status if self.entry else DossierStatus.MISSING

    @property
    def complete(self) -> bool:
        return self.status != DossierStatus.MISSING or bool(self.recorded)


# Apps above documents (supervision…) add what they record for a dialogue to its dossier without
# documents importing them: each contributor returns parts with `item_codes` (first code the profile's
# checklist has wins), `title`, `on`, `text`, `file`, `file_name`.
CONTRIBUTORS: list[Callable[[Dialogue], list]] = []


def register_contributor(contributor: Callable[[Dialogue], list]) -> None:
    if contributor not in CONTRIBUTORS:
        CONTRIBUTORS.append(contributor)


def checklist(dialogue: Dialogue) -> list[Item]:
    entries = {entry.item_code: entry for entry in dialogue.dossier_entries.prefetch_related("files")}
    items = []
    for rule in dialogue.profile.dossier_items():
        entry = entries.get(rule.code)
        items.append(Item(rule, entry, generated_items().get(rule.code), list(entry.files.all()) if entry else []))
    by_code = {item.rule.code: item for item in items}
    for contributor in CONTRIBUTORS:
        for part in contributor(dialogue):
            target = next((by_code[code] for code in part.item_codes if code in by_code), None)
            if target is not None:
                target.recorded.append(part)
    return items


def completeness(dialogue: Dialogue) -> tuple[int, int]:
    items = checklist(dialogue)
    return sum(item.complete for item in items), len(items)


def _entry(dialogue: Dialogue, code: str) -> DossierEntry:
    if not any(rule.code == code for rule in dialogue.profile.dossier_items()):
        raise DossierError("Mục này không có trong danh mục hồ sơ của bộ quy định.")
    entry, _ = DossierEntry.objects.get_or_create(dialogue=dialogue, item_code=code)
    return entry


def _subjects(dialogue: Dialogue, kind: str) -> list:
    if kind == Kind.ANSWER_REPORT:
        from organizations.models import Organization

        return list(Organization.objects.filter(assigned_cases__dialogue=dialogue).distinct()) or [None]
    if kind == Kind.OPINION_FORM:
        return list(OpinionSheet.objects.filter(dialogue=dialogue)) or [None]
    return [None]


@transaction.atomic
def file_issued(document: IssuedDocument, user: User | None = None) -> None:
    """Put an issued document into its dialogue's dossier (called by issuing.issue for every document).

    The item of its kind is marked generated and holds the document in force: a replaced document's
    copy leaves the dossier (it stays in the register, marked replaced).
    """
    dialogue = document.dialogue
    if dialogue is None:
        return
    codes = [rule.code for rule in dialogue.profile.dossier_items() if generated_items().get(rule.code) == document.kind]
    for code in codes:
        entry, _created = DossierEntry.objects.get_or_create(dialogue=dialogue, item_code=code)
        if document.replaces_id:
            entry.files.filter(document_id=document.replaces_id).delete()
        if not entry.files.filter(document=document).exists():
            with document.file.open("rb") as handle:
                stored = DossierFile(
                    entry=entry, name=Path(document.file.name).name, size=document.file.size, document=document, uploaded_by=user
                )
                stored.file.save(stored.name, ContentFile(handle.read()), save=True)
        if entry.status != DossierStatus.GENERATED:
            entry.status, entry.reason = DossierStatus.GENERATED, ""
            entry.save()


@transaction.atomic
def generate(dialogue: Dialogue, code: str, user: User) -> list[IssuedDocument]:
    """The document(s) of this item (one answer report per agency, one form per sheet): the one already
    issued when there is one (never a second number), else issued now from the data."""
    kind = generated_items().get(code)
    if kind is None:
        raise DossierError("Hệ thống không tự soạn mục này; hãy tải lên bản scan đã ký.")
    _entry(dialogue, code)
    documents = []
    for subject in _subjects(dialogue, kind):
        if kind == Kind.ANSWER_REPORT and subject is None:
            raise DossierError("Chưa có cơ quan nào được giao trả lời ý kiến của cuộc đối thoại này.")
        document = in_force(kind, dialogue, subject) or issue(kind, user, dialogue, subject)
        file_issued(document, user)
        documents.append(document)
    return documents


@transaction.atomic
def upload(dialogue: Dialogue, code: str, name: str, content: bytes, user: User) -> DossierFile:
    """Add a signed scan (PDF, JPEG or PNG, at most 20 MB; the common upload check: content, name, virus)."""
    try:
        checked = check_upload(content, allowed=SCANS, max_bytes=MAX_SCAN_BYTES, name=name)
    except UploadRejected as error:
        raise DossierError(" ".join(error.messages)) from error
    entry = _entry(dialogue, code)
    stored = DossierFile(entry=entry, name=checked.name, size=checked.size, uploaded_by=user)
    stored.file.save(checked.name, ContentFile(checked.content), save=True)
    if entry.status != DossierStatus.GENERATED:
        entry.status, entry.reason = DossierStatus.UPLOADED, ""
        entry.save()
    return stored


@transaction.atomic
def file_duty(duty: DialogueDuty, user: User | None = None) -> None:
    """Put a profile duty's file (001 IV.1.2: the socio-economic report) into the dossier item its rule names.

    Registered as a dialogues.record.DUTY_FILED hook: the dialogue verb stored and checked the file.
    A new file of the same duty replaces the one it filed before. Nothing when the checklist lacks the item.
    """
    dialogue = duty.dialogue
    if not duty.file or not any(rule.code == duty.dossier_item for rule in dialogue.profile.dossier_items()):
        return
    entry, _created = DossierEntry.objects.get_or_create(dialogue=dialogue, item_code=duty.dossier_item)
    entry.files.filter(name__startswith=_duty_prefix(duty)).delete()
    with duty.file.open("rb") as handle:
        name = f"{_duty_prefix(duty)}{duty.file_name}"
        stored = DossierFile(entry=entry, name=name, size=duty.file.size, uploaded_by=user)
        stored.file.save(duty.file_name, ContentFile(handle.read()), save=True)
    if entry.status != DossierStatus.GENERATED:
        entry.status, entry.reason = DossierStatus.UPLOADED, ""
        entry.save()


def _duty_prefix(duty: DialogueDuty) -> str:
    return f"{duty.code}-"


@transaction.atomic
def not_applicable(dialogue: Dialogue, code: str, reason: str) -> DossierEntry:
    if not (reason or "").strip():
        raise DossierError("Ghi lý do không áp dụng.")
    entry = _entry(dialogue, code)
    entry.status, entry.reason = DossierStatus.NOT_APPLICABLE, reason.strip()
    entry.save()
    return entry


def index_docx(dialogue: Dialogue, items: list[Item]) -> bytes:
    """Mục lục hồ sơ: each item with its files, in the checklist's order."""
    rows = [["TT", "Tên tài liệu", "Tình trạng", "Tệp"]]
    for number, item in enumerate(items, start=1):
        state = {DossierStatus.NOT_APPLICABLE: f"Không áp dụng: {item.entry.reason}" if item.entry else ""}.get(
            item.status, dict(DossierStatus.choices)[item.status]
        )
        if item.status == DossierStatus.MISSING and item.recorded:
            state = "Ghi nhận trong hệ thống"
        names = [f.name for f in item.files] + [_part_name(part) for part in item.recorded]
        rows.append([str(number), item.rule.title, str(state), "; ".join(names)])
    issuer = dialogue.advising_office
    blocks = [Block(rows=rows)]
    keeper = dialogue.dossier_keeper
    if keeper is not None:
        blocks.append(Block(text=f"Cơ quan lập, lưu hồ sơ: {keeper.name}. {dialogue.dossier_custodian_note}".strip()))
    if dialogue.archived_incomplete_reason:
        missing = "; ".join(dialogue.archived_missing)
        blocks.append(Block(text=f"Lưu hồ sơ khi còn thiếu ({missing}). Lý do: {dialogue.archived_incomplete_reason}"))
    content = Content("MỤC LỤC HỒ SƠ", dialogue.title, blocks, recipients=[])
    head = header(issuer, dialogue.date, None, Kind.OPINION_FORM)
    return render(built_in(family(issuer)), head, content)


def export_zip(
    dialogue: Dialogue, gate: Gate | None = None, progress: Callable[[int, int], None] | None = None
) -> tempfile.SpooledTemporaryFile:
    """The dossier as one ZIP (written to a temporary file, so a large dossier does not fill memory).

    Documents naming petitioners are included as issued only when the reader's gate allows them
    (noted in the gate for its log row); otherwise redacted (documents.personal). No gate: redacted.
    `progress(done, total)` is told after each file (the background job's progress bar).
    """
    gate = gate or Gate(None, Output.ZIP)
    items = checklist(dialogue)
    total, done = 1 + sum(len(item.files) for item in items), 0
    archive = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115 - returned to the caller
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("00 - Muc luc ho so.docx", index_docx(dialogue, items))
        done += 1
        if progress is not None:
            progress(done, total)
        for number, item in enumerate(items, start=1):
            folder = f"{number:02d} - {item.rule.title[:80]}".replace("/", "-")
            for stored in item.files:
                name, data = dossier_file_for(stored, item.kind, dialogue, gate)
                bundle.writestr(f"{folder}/{name}", data)
                done += 1
                if progress is not None:
                    progress(done, total)
            for part_number, part in enumerate(item.recorded, start=1):
                _write_part(bundle, f"{folder}/{part_number:02d} - {_part_name(part)}", part)
    archive.seek(0)
    return archive


def _part_name(part) -> str:
    day = f"{part.on:%d-%m-%Y} - " if part.on else ""
    return f"{day}{part.title}"[:90].replace("/", "-")


def _write_part(bundle: zipfile.ZipFile, stem: str, part) -> None:
    """A recorded part (no petitioner data: contributors give none) as its text, and its file if any."""
    heading = f"{part.title}\n{part.on:%d/%m/%Y}\n\n" if part.on else f"{part.title}\n\n"
    bundle.writestr(f"{stem}.txt", heading + part.text)
    if part.file:
        suffix = Path(part.file_name or part.file.name).suffix
        with part.file.open("rb") as handle:
            bundle.writestr(f"{stem}{suffix}", handle.read())
