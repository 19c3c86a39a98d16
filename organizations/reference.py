"""Reference data every deployment needs: administrative levels, organisation and position kinds."""

from pathlib import Path

import yaml
from django.db import transaction

from .models import AdministrativeLevel, OrganizationKind, PositionKind
from .upsert import upsert

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def load_reference() -> int:
    """Load levels, organisation kinds and positions; returns how many rows were written."""
    data = yaml.safe_load((DATA_DIR / "reference.yaml").read_text(encoding="utf-8"))
    written = 0
    for row in data["levels"]:
        values = {"name": row["name"], "rank": row["rank"], "is_historical": bool(row.get("is_historical"))}
        written += upsert(AdministrativeLevel, {"code": row["code"]}, values)[1]
    for row in data["organization_kinds"]:
        values = {"name": row["name"], "family": row["family"], "order": row["order"]}
        written += upsert(OrganizationKind, {"code": row["code"]}, values)[1]
    for row in data["positions"]:
        values = {"name": row["name"], "is_head": bool(row.get("is_head")), "order": row["order"]}
        written += upsert(PositionKind, {"code": row["code"]}, values)[1]
    return written
