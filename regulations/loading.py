"""Load the shipped profiles from regulations/profiles/*.yaml, and copy a profile for editing.

Loading is idempotent: a profile whose file has not changed since it was loaded is left as it is,
so running it twice writes nothing (not even history).
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from django.db import transaction

from common.data_files import load_yaml

from .models import (
    AgendaItem,
    DeadlineRule,
    DossierItem,
    FrequencyRule,
    HostRule,
    OpinionField,
    ProfileNote,
    RegulationProfile,
    ReportingRule,
)
from .record_loading import RECORD_RELATIONS, write_record_rules

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"
# The law first (the root parent), then Tân Kỳ: the others take their fields of opinions from it (`fields_from`).
SHIPPED_CODES = ["luat-72-2025", "tan-ky-2025", "hai-phong-1155-2023", "dien-bien", "hong-an-qt-vp12", "gia-vien-2025"]


def nfc(value):
    """Vietnamese text in NFC, recursively, so that comparisons and documents behave."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    return value


def read_profile_file(code: str) -> dict:
    return nfc(load_yaml(PROFILE_DIR / f"{code}.yaml"))


def _row_text(row: dict, summary: bool) -> dict:
    """Citation, quote and note; `summary` when the profile (or the row) restates a text not on file."""
    return {
        "citation": row.get("citation") or "",
        "quote": row.get("quote") or "",
        "note": row.get("note") or "",
        "is_summary": bool(row.get("summary", summary)),
    }


def _write_children(profile: RegulationProfile, data: dict) -> None:
    summary = bool(data.get("summary"))

    def _text(row: dict) -> dict:
        return _row_text(row, summary)

    for row in data.get("deadlines") or []:
        DeadlineRule.objects.create(
            profile=profile,
            code=row["code"],
            anchor=row["anchor"],
            direction=row["direction"],
            days=row["days"],
            unit=row.get("unit") or "working",
            waivable_ad_hoc=bool(row.get("waivable_ad_hoc")),
            parent_relation=row.get("parent_relation") or "",
            **_text(row),
        )
    for row in data.get("frequencies") or []:
        FrequencyRule.objects.create(
            profile=profile,
            kind=row["kind"],
            min_per_year=row["min_per_year"],
            per=row.get("per") or "head",
            **_text(row),
        )
    for row in data.get("hosts") or []:
        HostRule.objects.create(
            profile=profile,
            position=row["position"],
            level=row.get("level") or "any",
            advising_office=row["advising_office"],
            advising_with=row.get("advising_with") or "",
            advising_serves=row.get("advising_serves") or "",
            delegates_to=row.get("delegates_to") or [],
            **_text(row),
        )
    for row in data.get("reporting") or []:
        ReportingRule.objects.create(
            profile=profile,
            period=row["period"],
            form=row.get("form") or "other",
            due_month=row.get("due_month"),
            due_day=row.get("due_day"),
            by=row.get("by") or "",
            to=row.get("to") or "",
            **_text(row),
        )
    for order, row in enumerate(data.get("fields") or [], start=1):
        OpinionField.objects.create(
            profile=profile, code=row["code"], name=row["name"], form=row.get("form") or "", order=order, **_text(row)
        )
    for order, row in enumerate(data.get("dossier") or [], start=1):
        DossierItem.objects.create(
            profile=profile, code=row["code"], group=row["group"], title=row["title"], order=order, **_text(row)
        )
    for order, row in enumerate(data.get("agenda") or [], start=1):
        AgendaItem.objects.create(
            profile=profile,
            title=row["title"],
            who=row.get("who") or "",
            minutes=row.get("minutes") or 10,
            order=order,
            **_text(row),
        )
    for order, row in enumerate(data.get("notes") or [], start=1):
        ProfileNote.objects.create(profile=profile, text=row["text"], order=order, **_text(row))
    write_record_rules(profile, data)


def _profile_named(code: str | None) -> RegulationProfile | None:
    """A profile another one takes a list from (it is loaded first: see SHIPPED_CODES)."""
    return RegulationProfile.objects.filter(code=code).first() if code else None


CHILD_RELATIONS = ["deadlines", "frequencies", "hosts", "reporting", "fields", "dossier", "agenda", "notes", *RECORD_RELATIONS]


@transaction.atomic
def load_shipped_profile(code: str) -> bool:
    """Create or refresh one shipped profile from its file; True when something was written."""
    raw = (PROFILE_DIR / f"{code}.yaml").read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    data = read_profile_file(code)
    profile = RegulationProfile.objects.filter(code=code).first()
    if profile and profile.source_hash == digest:
        return False
    fields = {
        "name": data["name"],
        "source": data.get("source") or "",
        "seed": str(data.get("seed") or ""),
        "issued_on": data.get("issued_on"),
        "scope": data.get("scope") or "",
        "is_shipped": True,
        "source_hash": digest,
        "fields_from": _profile_named(data.get("fields_from")),
        "dossier_from": _profile_named(data.get("dossier_from")),
        "parent": _profile_named(data.get("parent")),
        "valid_to": data.get("valid_to"),
        "valid_from": data.get("valid_from"),
        "applies_to_level": data.get("applies_to_level") or "",
        "not_modelled": data.get("not_modelled") or [],
    }
    if profile is None:
        profile = RegulationProfile.objects.create(code=code, **fields)
    else:
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        for relation in CHILD_RELATIONS:
            getattr(profile, relation).all().delete()
    _write_children(profile, data)
    return True


def load_shipped_profiles() -> list[str]:
    """Load every shipped profile; returns the codes that were (re)written."""
    written = [code for code in SHIPPED_CODES if load_shipped_profile(code)]
    return written + [code for code in SHIPPED_CODES if _link_parent(code) and code not in written]


def _link_parent(code: str) -> bool:
    """Set the parent named in the file once both are loaded (a parent may load after its child)."""
    parent = _profile_named(read_profile_file(code).get("parent"))
    profile = RegulationProfile.objects.get(code=code)
    if profile.parent_id == (parent.pk if parent else None):
        return False
    profile.parent = parent
    profile.save(update_fields=["parent"])
    return True


@transaction.atomic
def copy_profile(profile: RegulationProfile, code: str, name: str) -> RegulationProfile:
    """A full, editable copy of a profile with every rule (the copy is not shipped)."""
    copy = RegulationProfile.objects.create(
        code=code,
        name=name,
        source=profile.source,
        seed=profile.seed,
        issued_on=profile.issued_on,
        scope=profile.scope,
        is_shipped=False,
        copied_from=profile,
        fields_from=profile.fields_from,
        dossier_from=profile.dossier_from,
        parent=profile.parent,
        valid_to=profile.valid_to,
        valid_from=profile.valid_from,
        applies_to_level=profile.applies_to_level,
        not_modelled=profile.not_modelled,
    )
    for relation in CHILD_RELATIONS:
        for row in getattr(profile, relation).all():
            row.pk = None
            row.id = None
            row.profile = copy
            row._state.adding = True
            row.save()
    return copy
