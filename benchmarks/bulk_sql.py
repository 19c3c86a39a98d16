"""The national size's two million opinions, written by PostgreSQL itself (INSERT … SELECT over generate_series).

Building 6,000,000 Python objects (petitioner, matter, opinion) ran at 200 matters a second on the shared 2-core
machine (hours); the same rows written by the database take minutes. Reproducible: `setseed` fixes random().
Every column the model has is written: those not computed here get the field's default (or NULL), so a field
added later by a migration does not break the generator. All values are the generator's own (no user input).
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Model

from petitions.enums import CaseStatus, Channel, Jurisdiction
from petitions.models import Case, Petition, Petitioner, fold


def literal(value) -> str:
    """A constant of the generator as SQL (text, number, boolean, date, list of those)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "ARRAY[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, datetime.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def insert(model: type[Model], computed: dict[str, str], source: str) -> str:
    """INSERT INTO the model's table (every concrete column) SELECT the computed expressions, else the field's default."""
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.column in computed:
            values.append(computed[field.column])
        elif field.has_default() and not callable(field.default):
            values.append(literal(field.default))
        elif field.null:
            values.append("NULL")
        elif field.get_internal_type() in ("DateTimeField",):
            values.append("now()")
        elif field.get_internal_type() in ("DateField",):
            values.append("CURRENT_DATE")
        else:
            values.append("''" if field.get_internal_type() in ("CharField", "TextField", "EmailField") else "0")
    table = connection.ops.quote_name(model._meta.db_table)
    return f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {source}"  # noqa: S608


def opinions(marker: str, per_commune: int, words: list[str], field_ids: list[int], today: datetime.date, seed: int) -> dict:
    """`per_commune` matters, each with one opinion from one petitioner, in every commune whose code starts with `marker`."""
    counts = {}
    statuses, jurisdictions, channels = list(CaseStatus.values), list(Jurisdiction.values), list(Channel.values)
    words_sql, folded_sql = literal(words), literal([fold(word) for word in words])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setseed({(seed % 1000) / 1000})")
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM petitions_case")
        first_case = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM petitions_petitioner")
        first_person = cursor.fetchone()[0]
        # One row per matter to make: its unit, the division (its agency), the words picked, the status.
        cursor.execute("DROP TABLE IF EXISTS bench_source")
        cursor.execute(
            "CREATE TEMP TABLE bench_source AS SELECT u.id AS unit_id, o.id AS division_id, g AS n,"
            f" ARRAY(SELECT 1 + floor(random() * {len(words)})::int FROM generate_series(1, 14) WHERE g > 0) AS picks,"
            f" ({literal(statuses)})[1 + floor(random() * {len(statuses)})::int] AS status,"
            " random() AS r1, random() AS r2, random() AS r3"
            " FROM organizations_administrativeunit u"
            " JOIN organizations_organization o ON o.unit_id = u.id AND o.code = lower(u.code) || '-division'"
            f" CROSS JOIN generate_series(1, {int(per_commune)}) g"
            f" WHERE u.code LIKE {literal(marker + '%')} AND u.parent_id IS NOT NULL"
        )
        sentence = f"(SELECT string_agg(({words_sql})[p], ' ') FROM unnest(s.picks) p)"
        classified = "s.status <> 'received'"
        matter = {
            "unit_id": "s.unit_id",
            "summary": f"upper(left({sentence}, 1)) || substr({sentence}, 2) || '.'",
            "search_text": f"(SELECT string_agg(({folded_sql})[p], ' ') FROM unnest(s.picks) p) || '.'",
            "status": "s.status",
            "field_id": f"CASE WHEN {classified} THEN ({literal(field_ids)})[1 + floor(s.r1 * {len(field_ids)})::int] END",
            "jurisdiction": f"CASE WHEN {classified} THEN ({literal(jurisdictions)})[1 + floor(s.r2 * {len(jurisdictions)})::int]"
            " ELSE '' END",
            "agency_id": "CASE WHEN s.status IN ('assigned', 'drafted') THEN s.division_id END",
            "due": f"CASE WHEN {classified} THEN {literal(today)} + (floor(s.r3 * 121)::int - 60) END",
            "created_at": "now() - make_interval(secs => s.n)",
        }
        cursor.execute(insert(Case, matter, "bench_source s ORDER BY s.unit_id, s.n"))
        counts["cases"] = cursor.rowcount
        person = {"kind": "'person'", "full_name": "'Nguyễn Văn ' || (1 + floor(random() * 99999)::int)"}
        cursor.execute(insert(Petitioner, person, "bench_source s ORDER BY s.unit_id, s.n"))
        counts["petitioners"] = cursor.rowcount
        code = "'YB-' || lpad(c.id::text, 9, '0')"
        opinion = {
            "unit_id": "c.unit_id",
            "case_id": "c.id",
            "tracking_code": code,
            "content": "c.summary",
            "search_text": f"lower({code}) || ' ' || c.search_text",
            "channel": f"({literal(channels)})[1 + floor(random() * {len(channels)})::int]",
            "received_on": f"{literal(today)} - floor(random() * 401)::int",
            "petitioner_id": "p.id",
        }
        pairs = (
            "(SELECT id, unit_id, summary, search_text, row_number() OVER (ORDER BY id) AS k"
            f" FROM petitions_case WHERE id > {int(first_case)}) c"
            f" JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM petitions_petitioner WHERE id > {int(first_person)}) p"
            " ON p.k = c.k"
        )
        cursor.execute(insert(Petition, opinion, pairs))
        counts["petitions"] = cursor.rowcount
        cursor.execute("DROP TABLE bench_source")
    return counts
