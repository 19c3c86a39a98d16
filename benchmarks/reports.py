"""Mẫu 1 for a province-year on PostgreSQL, side by side with a hand-written SQL aggregate of the same numbers,
and the national roll-up.

Usage (its own database, never the office's; migrated first):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/doithoai_reports_bench .venv/bin/python -m benchmarks.reports
    DATABASE_URL=... .venv/bin/python -m benchmarks.reports --national

Generates once (kept on later runs): a province of 120 communes, 1,000 dialogues in 2026 of the three kinds,
60,000 opinions each from a dialogue (one matter per two opinions), 30 checked-in participants per dialogue.
Prints the median of 5 runs of each, the ratio and the number of queries of Mẫu 1 and of the dashboard.

--national generates (once) the country: 34 provinces, 3,321 communes, 4 dialogues a commune in 2026, 2,000,000
opinions each from a dialogue (1,000,000 matters), 30 invitees a dialogue; the bulk rows are written by
set-based SQL (INSERT … SELECT generate_series) since benchmarks/generate.py's `national` size leaves the
opinions outside any dialogue (nothing for Mẫu 1 to count) and writes row by row. It then times the
national roll-up (Mẫu 1 of the whole country split by province) against the hand-written SQL.
"""

from __future__ import annotations

import datetime
import random
import statistics
import time

from benchmarks.generate import BATCH, setup_django

CODE = "BR00"
COMMUNES, DIALOGUES, OPINIONS, PARTICIPANTS = 120, 1000, 60_000, 30

HAND_SQL = """
WITH d AS (
  SELECT d.id, d.kind FROM dialogues_dialogue d JOIN organizations_administrativeunit u ON u.id = d.unit_id
  WHERE u.path LIKE %(path)s AND d.date BETWEEN %(start)s AND %(end)s AND d.status <> 'cancelled'
), p AS (
  SELECT p.dialogue_id,
         count(*) AS petitions,
         count(*) FILTER (WHERE c.status = 'closed' AND c.approved_on <= dd.date) AS at_conference,
         count(*) FILTER (WHERE c.agency_id IS NOT NULL) AS assigned,
         count(*) FILTER (WHERE c.status = 'closed') AS settled
  FROM petitions_petition p JOIN petitions_case c ON c.id = p.case_id JOIN dialogues_dialogue dd ON dd.id = p.dialogue_id
  WHERE p.dialogue_id IN (SELECT id FROM d) GROUP BY p.dialogue_id
), i AS (
  SELECT dialogue_id, count(*) AS participants FROM conference_invitee
  WHERE checked_in_at IS NOT NULL AND dialogue_id IN (SELECT id FROM d) GROUP BY dialogue_id
)
SELECT d.kind, count(*), sum(coalesce(i.participants, 0)), sum(coalesce(p.petitions, 0)), sum(coalesce(p.at_conference, 0)),
       sum(coalesce(p.assigned, 0)), sum(coalesce(p.settled, 0))
FROM d LEFT JOIN p ON p.dialogue_id = d.id LEFT JOIN i ON i.dialogue_id = d.id GROUP BY d.kind
"""


def generate(seed: int = 2026) -> None:
    from django.db import transaction
    from django.utils import timezone

    from conference.models import Invitee
    from dialogues.models import Dialogue
    from organizations.models import AdministrativeLevel, AdministrativeUnit, Organization, OrganizationKind
    from organizations.reference import load_reference
    from petitions.models import Case, Petition
    from regulations.loading import load_shipped_profiles
    from regulations.models import RegulationProfile
    from workdays.loading import load_shipped_overrides

    if AdministrativeUnit.objects.filter(code=CODE).exists():
        return
    rng = random.Random(seed)
    load_reference()
    load_shipped_overrides()
    load_shipped_profiles()
    profile = RegulationProfile.objects.get(code="tan-ky-2025")
    with transaction.atomic():
        province = AdministrativeUnit.objects.create(
            code=CODE, name="Tỉnh đo báo cáo", level=AdministrativeLevel.objects.get(code="province")
        )
        commune = AdministrativeLevel.objects.get(code="commune")
        AdministrativeUnit.objects.bulk_create(
            [
                AdministrativeUnit(
                    code=f"{CODE}-{c:04d}", name=f"Xã đo {c}", level=commune, parent=province, path=f"/{CODE}/{CODE}-{c:04d}/"
                )
                for c in range(COMMUNES)
            ]
        )
        communes = list(AdministrativeUnit.objects.filter(parent=province))
        kind = OrganizationKind.objects.get(code="division")
        Organization.objects.bulk_create(
            [Organization(code=f"br-{u.code.lower()}", name=f"Phòng {u.name}", kind=kind, unit=u) for u in communes]
        )
        agencies = {o.unit_id: o for o in Organization.objects.filter(unit__in=communes)}
        kinds = ["periodic"] * 6 + ["thematic"] * 3 + ["ad_hoc"]
        dialogues = [
            Dialogue(
                unit=rng.choice(communes),
                title=f"Đối thoại đo {n}",
                kind=rng.choice(kinds),
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 364)),
                profile=profile,
                status=rng.choice(["held", "concluded", "archived", "cancelled"]),
            )
            for n in range(DIALOGUES)
        ]
        Dialogue.objects.bulk_create(dialogues, batch_size=BATCH)
        dialogues = list(Dialogue.objects.filter(unit__in=communes))
        now = timezone.now()
        Invitee.objects.bulk_create(
            [
                Invitee(dialogue=d, name=f"Đại biểu {d.pk}-{k}", code=f"R{d.pk:05d}{k:03d}"[-10:], checked_in_at=now)
                for d in dialogues
                for k in range(PARTICIPANTS)
            ],
            batch_size=BATCH,
        )
        cases = []
        for n in range(OPINIONS // 2):
            d = rng.choice(dialogues)
            status = rng.choice(["received", "assigned", "drafted", "closed"])
            cases.append(
                Case(
                    unit_id=d.unit_id,
                    dialogue=d,
                    summary=f"Ý kiến đo {n}",
                    status=status,
                    agency=agencies[d.unit_id] if status != "received" else None,
                    approved_on=d.date + datetime.timedelta(days=rng.randint(-3, 40)) if status == "closed" else None,
                )
            )
        Case.objects.bulk_create(cases, batch_size=BATCH)
        Petition.objects.bulk_create(
            [
                Petition(
                    unit_id=c.unit_id,
                    dialogue_id=c.dialogue_id,
                    case=c,
                    content=c.summary,
                    channel="paper_form",
                    tracking_code=f"BR{i:08d}",
                )
                for i, c in enumerate(c for c in cases for _ in range(2))
            ],
            batch_size=BATCH,
        )


NATIONAL = "BN"
PROVINCES, NATIONAL_COMMUNES, NATIONAL_DIALOGUES_PER_COMMUNE, NATIONAL_OPINIONS = 34, 3321, 4, 2_000_000


def _fill_required(table: str, given: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions: `given`, plus a neutral value for every other NOT NULL column
    without a default (so the insert keeps working when another app adds a column)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
            "AND is_nullable = 'NO' AND column_default IS NULL AND column_name <> 'id'",
            [table],
        )
        required = cursor.fetchall()
    neutral = {"boolean": "false", "date": "current_date", "timestamp with time zone": "now()", "jsonb": "'{}'::jsonb"}
    columns = dict(given)
    for name, kind in required:
        if name not in columns:
            columns[name] = neutral.get(kind, "0" if kind in ("integer", "bigint", "smallint") else "''")
    return ", ".join(columns), ", ".join(columns.values())


def generate_national(seed: int = 2026) -> None:
    """The country, once: units and dialogues through the ORM, the 3.4 million bulk rows by set-based SQL."""
    from django.db import connection, transaction

    from dialogues.models import Dialogue
    from organizations.models import AdministrativeLevel, AdministrativeUnit, Organization, OrganizationKind
    from organizations.reference import load_reference
    from regulations.loading import load_shipped_profiles
    from regulations.models import RegulationProfile
    from workdays.loading import load_shipped_overrides

    if AdministrativeUnit.objects.filter(code=NATIONAL).exists():
        return
    rng = random.Random(seed)
    load_reference()
    load_shipped_overrides()
    load_shipped_profiles()
    profile = RegulationProfile.objects.get(code="hai-phong-1155-2023")
    province_level = AdministrativeLevel.objects.get(code="province")
    commune_level = AdministrativeLevel.objects.get(code="commune")
    with transaction.atomic():
        root = AdministrativeUnit.objects.create(code=NATIONAL, name="Toàn quốc (đo)", level=province_level)
        provinces = [
            AdministrativeUnit(
                code=f"{NATIONAL}{p:02d}",
                name=f"Tỉnh đo {p}",
                level=province_level,
                parent=root,
                path=f"/{NATIONAL}/{NATIONAL}{p:02d}/",
            )
            for p in range(PROVINCES)
        ]
        AdministrativeUnit.objects.bulk_create(provinces)
        provinces = list(AdministrativeUnit.objects.filter(parent=root).order_by("code"))
        communes = []
        for c in range(NATIONAL_COMMUNES):
            province = provinces[c % PROVINCES]
            code = f"{province.code}-{c:04d}"
            path = f"{province.path}{code}/"
            communes.append(AdministrativeUnit(code=code, name=f"Xã đo {c}", level=commune_level, parent=province, path=path))
        AdministrativeUnit.objects.bulk_create(communes, batch_size=BATCH)
        communes = list(AdministrativeUnit.objects.filter(level=commune_level, path__startswith=root.path))
        kind = OrganizationKind.objects.get(code="division")
        Organization.objects.bulk_create(
            [Organization(code=f"bn-{u.code.lower()}", name=f"Phòng {u.name}", kind=kind, unit=u) for u in communes],
            batch_size=BATCH,
        )
        kinds = ["periodic"] * 6 + ["thematic"] * 3 + ["ad_hoc"]
        Dialogue.objects.bulk_create(
            [
                Dialogue(
                    unit=unit,
                    title=f"Đối thoại đo {unit.code} {n}",
                    kind=rng.choice(kinds),
                    date=datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 329)),
                    profile=profile,
                    status=rng.choice(["held", "concluded", "archived", "archived", "cancelled"]),
                )
                for unit in communes
                for n in range(NATIONAL_DIALOGUES_PER_COMMUNE)
            ],
            batch_size=BATCH,
        )
        path = f"{root.path}%"
        case_columns = _fill_required(
            "petitions_case",
            {
                "summary": "'Ý kiến đo ' || g",
                "status": "(ARRAY['received','assigned','drafted','closed'])[1 + g % 4]",
                "unit_id": "d.unit_id",
                "dialogue_id": "d.id",
                "agency_id": "CASE WHEN g % 4 = 0 THEN NULL ELSE o.id END",
                "due": "d.date + 20",
                "approved_on": "CASE WHEN g % 4 = 3 THEN d.date + (g % 44) - 3 END",
                "created_at": "now()",
            },
        )
        petition_columns = _fill_required(
            "petitions_petition",
            {
                "tracking_code": "'BN' || c.id || '-' || k",
                "content": "c.summary",
                "channel": "'paper_form'",
                "received_on": "dd.date",
                "case_id": "c.id",
                "unit_id": "c.unit_id",
                "dialogue_id": "c.dialogue_id",
                "created_at": "now()",
            },
        )
        invitee_columns = _fill_required(
            "conference_invitee",
            {
                "name": "'Đại biểu ' || d.id || '-' || k",
                "code": "'N' || d.id || '-' || k",
                "dialogue_id": "d.id",
                "checked_in_at": "CASE WHEN k <= 25 THEN now() END",
            },
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE bn_d AS SELECT d.id, d.unit_id, d.date, row_number() OVER (ORDER BY d.id) - 1 AS rn "
                "FROM dialogues_dialogue d JOIN organizations_administrativeunit u ON u.id = d.unit_id WHERE u.path LIKE %s",
                [path],
            )
            cursor.execute("SELECT count(*) FROM bn_d")
            dialogues = cursor.fetchone()[0]
            cursor.execute(
                f"INSERT INTO petitions_case ({case_columns[0]}) SELECT {case_columns[1]} "
                f"FROM generate_series(0, {NATIONAL_OPINIONS // 2 - 1}) g JOIN bn_d d ON d.rn = g % {dialogues} "
                "JOIN organizations_organization o ON o.unit_id = d.unit_id AND o.code LIKE 'bn-%%'"
            )
            cursor.execute(
                f"INSERT INTO petitions_petition ({petition_columns[0]}) SELECT {petition_columns[1]} "
                "FROM petitions_case c JOIN bn_d dd ON dd.id = c.dialogue_id CROSS JOIN generate_series(1, 2) k"
            )
            cursor.execute(
                f"INSERT INTO conference_invitee ({invitee_columns[0]}) SELECT {invitee_columns[1]} "
                f"FROM bn_d d CROSS JOIN generate_series(1, {PARTICIPANTS}) k"
            )
            cursor.execute("DROP TABLE bn_d")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def national(loadavg: str) -> int:
    """Time the national roll-up: Mẫu 1 of the country split by province, beside the hand-written SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from organizations.models import AdministrativeUnit
    from petitions.models import Petition
    from reports import mau1
    from reports.periods import parse_period
    from reports.rollup import by_child

    started = time.perf_counter()
    generate_national()
    print(f"dữ liệu toàn quốc sẵn sàng sau {time.perf_counter() - started:.1f} s")
    root, year = AdministrativeUnit.objects.get(code=NATIONAL), parse_period("2026")
    communes = AdministrativeUnit.objects.filter(path__startswith=root.path, parent__parent=root).count()
    opinions = Petition.objects.filter(unit__path__startswith=root.path).count()
    params = {"path": f"{root.path}%", "start": year.start, "end": year.end}

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, params)
            return cursor.fetchall()

    def rollup():
        return by_child(mau1.build(root, year))

    lines, totals = rollup()
    assert sum(line.petitions for line in lines) == sum(counts["petitions"] for counts in totals.values())
    with CaptureQueriesContext(connection) as queries:
        rollup()
    ours, theirs = median_ms(rollup, runs=3), median_ms(hand, runs=3)
    counted = sum(counts["petitions"] for counts in totals.values())
    print(f"{communes} xã, {opinions} ý kiến ({counted} trong các cuộc đối thoại năm 2026 không hủy); tải máy: {loadavg}")
    print(f"Tổng hợp toàn quốc theo tỉnh: {ours:.0f} ms, {len(queries)} truy vấn (mục tiêu < 3000 ms)")
    print(f"SQL viết tay cùng số liệu: {theirs:.0f} ms — tỉ lệ {ours / theirs:.2f}×")
    return 0


def median_ms(action, runs: int = 5) -> float:
    action()  # warm the caches once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    import os
    import sys

    setup_django()
    loadavg = " ".join(f"{value:.1f}" for value in os.getloadavg())
    if "--national" in sys.argv[1:]:
        return national(loadavg)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from organizations.models import AdministrativeUnit
    from reports import dashboard, mau1
    from reports.periods import parse_period

    started = time.perf_counter()
    generate()
    print(f"dữ liệu sẵn sàng sau {time.perf_counter() - started:.1f} s")
    province, year = AdministrativeUnit.objects.get(code=CODE), parse_period("2026")
    params = {"path": f"{province.path}%", "start": year.start, "end": year.end}

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, params)
            return cursor.fetchall()

    table = mau1.build(province, year)
    by_sql = {row[0]: row[1:] for row in hand()}
    for kind, counts in table.totals.items():
        expected = by_sql.get(kind, (0,) * 6)
        got = (
            counts["dialogues"],
            counts["participants"],
            counts["petitions"],
            counts["answered_at_conference"],
            counts["assigned"],
            counts["settled"],
        )
        assert tuple(int(v) for v in expected) == got, (kind, expected, got)
    with CaptureQueriesContext(connection) as queries:
        mau1.build(province, year)
    with CaptureQueriesContext(connection) as dashboard_queries:
        dashboard.build(province, year)
    ours, theirs = median_ms(lambda: mau1.build(province, year)), median_ms(hand)
    board = median_ms(lambda: dashboard.build(province, year))
    opinions = sum(c["petitions"] for c in table.totals.values())
    print(f"Mẫu 1 tỉnh-năm ({len(table.rows)} cuộc, {opinions} ý kiến): {ours:.0f} ms, {len(queries)} truy vấn")
    print(f"SQL viết tay cùng số liệu: {theirs:.0f} ms — tỉ lệ {ours / theirs:.2f}×")
    print(f"Bảng điều khiển tỉnh-năm: {board:.0f} ms, {len(dashboard_queries)} truy vấn; tải máy: {loadavg}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
