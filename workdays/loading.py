"""Load the shipped official calendar decisions (workdays/data/overrides.yaml)."""

from pathlib import Path

from django.db import transaction

from common.data_files import load_yaml
from organizations.upsert import upsert

from .models import CalendarOverride

OVERRIDES_FILE = Path(__file__).resolve().parent / "data" / "overrides.yaml"


@transaction.atomic
def load_shipped_overrides() -> int:
    """Create the shipped overrides that are missing; an administrator's later edit of a row is kept."""
    written = 0
    for row in load_yaml(OVERRIDES_FILE):
        if CalendarOverride.objects.filter(date=row["date"]).exists():
            continue
        upsert(CalendarOverride, {"date": row["date"]}, {k: row[k] for k in ("kind", "name", "legal_basis", "note")})
        written += 1
    return written
