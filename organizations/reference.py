"""Reference data every deployment needs: administrative levels, organisation and position kinds."""

from pathlib import Path

from django.db import transaction

from common.data_files import load_yaml

from .models import AdministrativeLevel, OrganizationKind, PositionKind
from .upsert import upsert

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def load_reference(*, keep_existing: bool = False) -> int:
    """Load levels, organisation kinds and positions; returns how many rows were written.

    keep_existing=True (after `migrate`) only adds missing codes, so an administrator's edit of a row stays;
    `load_reference_data` refreshes every row from the shipped file.
    """
    data = load_yaml(DATA_DIR / "reference.yaml")

    def write(model, row: dict, values: dict) -> int:
        if keep_existing and model.objects.filter(code=row["code"]).exists():
            return 0
        return int(upsert(model, {"code": row["code"]}, values)[1])

    written = 0
    for row in data["levels"]:
        values = {"name": row["name"], "rank": row["rank"], "is_historical": bool(row.get("is_historical"))}
        written += write(AdministrativeLevel, row, values)
    for row in data["organization_kinds"]:
        values = {"name": row["name"], "family": row["family"], "order": row["order"]}
        written += write(OrganizationKind, row, values)
    for row in data["positions"]:
        values = {"name": row["name"], "is_head": bool(row.get("is_head")), "order": row["order"]}
        written += write(PositionKind, row, values)
    return written
