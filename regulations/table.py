"""The README's table of the regulation profiles, regenerated from the profiles (`manage.py profiles_table`).

One row per profile in the order of the tree (the law at the root, then each province's regulation and the
communes' under it), with the chain of higher regulations and how many rules of each kind it carries; then,
for each profile, what its source says that is not modelled, and why (`not_modelled:` in its YAML file); then the
rules of each dialogue's record (archive, media channels, extra duties, reports after it, the voters' request), each
with its citation and, for a rule a layered profile takes from a higher one, from which (`↑`, "theo").
"""

from __future__ import annotations

from .layers import INHERITED_RELATIONS, chain
from .models import RegulationProfile

LEVELS = {"commune": "xã", "province": "tỉnh", "district": "huyện"}  # level codes (organizations reference data)
COLUMNS = [
    ("deadlines", "Hạn"),
    ("frequencies", "Số lần tối thiểu"),
    ("hosts", "Chủ trì"),
    ("reporting", "Báo cáo"),
    ("fields", "Lĩnh vực"),
    ("dossier", "Hồ sơ lưu"),
    ("agenda", "Chương trình"),
    ("notes", "Ghi chú"),
    ("archive_rules", "Lưu khi thiếu hồ sơ"),
    ("media_channels", "Kênh thông báo"),
    ("duties", "Việc thêm"),
    ("after_dialogue_reports", "Báo cáo sau đối thoại"),
    ("voter_requests", "Tỷ lệ cử tri đề nghị"),
]
# The YAML key of a relation whose key differs (one mapping, not a list: counted as one row).
YAML_KEYS = {"archive_rules": "archive_incomplete", "voter_requests": "voter_request"}
# A profile without rows of an inherited kind (layers.INHERITED_RELATIONS) takes the nearest higher regulation's:
# the cell says from where, e.g. "0 (↑ `luat-72-2025`)".


def tree_order(profiles: list[RegulationProfile]) -> list[RegulationProfile]:
    """Roots first, each followed by its children (by code), depth first."""
    children: dict[int | None, list[RegulationProfile]] = {}
    known = {profile.pk for profile in profiles}
    for profile in profiles:
        parent = profile.parent_id if profile.parent_id in known else None
        children.setdefault(parent, []).append(profile)
    ordered: list[RegulationProfile] = []

    def walk(parent: int | None) -> None:
        for profile in sorted(children.get(parent, []), key=lambda row: row.code):
            ordered.append(profile)
            walk(profile.pk)

    walk(None)
    return ordered


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _binds(profile: RegulationProfile) -> str:
    parts = []
    if profile.applies_to_level:
        parts.append(f"cấp {LEVELS.get(profile.applies_to_level, profile.applies_to_level)}")
    if profile.valid_from:
        parts.append(f"từ {profile.valid_from:%d/%m/%Y}")
    if profile.valid_to:
        parts.append(f"đến {profile.valid_to:%d/%m/%Y}")
    return ", ".join(parts) or "mọi cấp, không thời hạn"


def _source(profile: RegulationProfile, relation: str, by_pk: dict[int, RegulationProfile]) -> RegulationProfile | None:
    """The profile whose rows of this kind apply: its own, else (an inherited kind) the nearest higher one's."""
    seen: set[int] = set()
    layer: RegulationProfile | None = profile
    while layer is not None and layer.pk not in seen:
        if getattr(layer, relation).all():
            return layer
        if relation not in INHERITED_RELATIONS:
            return None
        seen.add(layer.pk)
        layer = by_pk.get(layer.parent_id)
    return None


def _count(profile: RegulationProfile, relation: str, by_pk: dict[int, RegulationProfile]) -> str:
    """How many rows of this kind the profile states; for an inherited kind it does not state, whose it takes."""
    source = _source(profile, relation, by_pk)
    if source is None or source == profile:
        return str(len(getattr(profile, relation).all()))
    return f"0 (↑ `{source.code}`)"


RECORD_HEADING = "Quy định về hồ sơ, thông báo và báo cáo của từng cuộc đối thoại (trích dẫn; «theo»: thừa hưởng từ cấp trên):"
RECORD_LABELS = {
    "archive_rules": lambda row: f"lưu khi thiếu hồ sơ: {row.get_incomplete_display()}",
    "media_channels": lambda row: f"kênh thông báo: {row.name}",
    "duties": lambda row: f"việc thêm: {row.title}",
    "after_dialogue_reports": lambda row: f"báo cáo sau đối thoại, hạn theo: {row.get_deadline_display()}",
    "voter_requests": lambda row: f"đối thoại khi ít nhất {row.percent.normalize():f}% cử tri đề nghị",
}


def _record_rules(profile: RegulationProfile, by_pk: dict[int, RegulationProfile]) -> list[str]:
    """The rules of the dialogue's record that apply to the profile, each with its citation and whose it is."""
    lines = []
    for relation, label in RECORD_LABELS.items():
        source = _source(profile, relation, by_pk)
        for row in getattr(source, relation).all() if source else []:
            origin = "" if source == profile else f", theo `{source.code}`"
            summary = ", tóm tắt" if row.is_summary else ""
            lines.append(f"  - {_cell(label(row))} ({_cell(row.citation)}{summary}{origin})")
    return lines


def profiles_table(profiles: list[RegulationProfile] | None = None) -> str:
    """Markdown: the table of profiles, then what each does not model and why."""
    if profiles is None:
        profiles = list(
            RegulationProfile.objects.filter(is_shipped=True)
            .select_related("parent")
            .prefetch_related(*[name for name, _label in COLUMNS])
        )
    ordered = tree_order(profiles)
    by_pk = {profile.pk: profile for profile in profiles}
    header = ["Hồ sơ", "Văn bản (seed)", "Chuỗi quy định cấp trên", "Ràng buộc"] + [label for _name, label in COLUMNS]
    header.append("Dòng tóm tắt")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for profile in ordered:
        above = " → ".join(f"`{layer.code}`" for layer in chain(profile)[1:]) or "(gốc)"
        counts = [_count(profile, name, by_pk) for name, _label in COLUMNS]
        summaries = sum(1 for name, _label in COLUMNS for row in getattr(profile, name).all() if row.is_summary)
        seed = profile.seed or "—"
        cells = [f"`{profile.code}`", _cell(f"{profile.name} ({seed})"), above, _binds(profile), *counts]
        cells.append(str(summaries))
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Chưa mô hình hóa (mục `not_modelled` trong tệp YAML của từng hồ sơ):", ""]
    for profile in ordered:
        rows = profile.not_modelled or []
        seed = f"seed {profile.seed}" if profile.seed else "không phải seed"
        lines.append(f"- **`{profile.code}`** ({seed}):" + ("" if rows else " không có."))
        lines += [f"  - {_cell(row['what'])} — {_cell(row['why'])}" for row in rows]
    lines += ["", RECORD_HEADING, ""]
    for profile in ordered:
        rules = _record_rules(profile, by_pk)
        lines.append(f"- **`{profile.code}`**:" + ("" if rules else " không có."))
        lines += rules
    return "\n".join(lines) + "\n"
