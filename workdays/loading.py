"""Load the shipped official calendar decisions (workdays/data/overrides.yaml)."""

from pathlib import Path

import yaml
from django.db import transaction

from organizations.upsert import upsert

from .models import CalendarOverride

OVERRIDES_FILE = Path(__file__).resolve().parent / "data" / "overrides.yaml"


@transaction.atomic
def load_shipped_overrides() -> int:
    """Create the shipped overrides that are missing; an administrator's later edit of a row is kept."""
    written = 0
    for row in yaml.safe_load(OVERRIDES_FILE.read_text(encoding="utf-8")):
        if CalendarOverride.objects.filter(date=row["date"]).exists():
            continue
        upsert(CalendarOverride, {"date": row["date"]}, {k: row[k] for k in ("kind", "name", "legal_basis", "note")})
        written += 1
    return written
