"""The README's table of the regulation profiles, regenerated from the profiles (`manage.py profiles_table`).

One row per profile in the order of the tree (the law at the root, then each province's regulation and the
communes' under it), with the chain of higher regulations and how many rules of each kind it carries; then,
for each profile, what its source says that is not modelled, and why (`not_modelled:` in its YAML file).
"""

from __future__ import annotations

from .layers import chain
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
]


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


def profiles_table(profiles: list[RegulationProfile] | None = None) -> str:
    """Markdown: the table of profiles, then what each does not model and why."""
    if profiles is None:
        profiles = list(
            RegulationProfile.objects.filter(is_shipped=True).select_related("parent").prefetch_related(
                *[name for name, _label in COLUMNS]
            )
        )
    ordered = tree_order(profiles)
    header = ["Hồ sơ", "Văn bản (seed)", "Chuỗi quy định cấp trên", "Ràng buộc"] + [label for _name, label in COLUMNS]
    header.append("Dòng tóm tắt")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for profile in ordered:
        above = " → ".join(f"`{layer.code}`" for layer in chain(profile)[1:]) or "(gốc)"
        counts = [len(getattr(profile, name).all()) for name, _label in COLUMNS]
        summaries = sum(1 for name, _label in COLUMNS for row in getattr(profile, name).all() if row.is_summary)
        seed = profile.seed or "—"
        cells = [f"`{profile.code}`", _cell(f"{profile.name} ({seed})"), above, _binds(profile), *map(str, counts)]
        cells.append(str(summaries))
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Chưa mô hình hóa (mục `not_modelled` trong tệp YAML của từng hồ sơ):", ""]
    for profile in ordered:
        rows = profile.not_modelled or []
        seed = f"seed {profile.seed}" if profile.seed else "không phải seed"
        lines.append(f"- **`{profile.code}`** ({seed}):" + ("" if rows else " không có."))
        lines += [f"  - {_cell(row['what'])} — {_cell(row['why'])}" for row in rows]
    return "\n".join(lines) + "\n"
