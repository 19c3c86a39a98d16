"""Mẫu 1 for a province-year on PostgreSQL, side by side with a hand-written SQL aggregate of the same numbers.

Usage (its own database, never the office's; migrated first):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/doithoai_reports_bench .venv/bin/python -m benchmarks.reports

Generates once (kept on later runs): a province of 120 communes, 1,000 dialogues in 2026 of the three kinds,
60,000 opinions each from a dialogue (one matter per two opinions), 30 checked-in participants per dialogue.
Prints the median of 5 runs of each, the ratio and the number of queries of Mẫu 1 and of the dashboard.
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


def median_ms(action, runs: int = 5) -> float:
    action()  # warm the caches once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    setup_django()
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
    print(f"Bảng điều khiển tỉnh-năm: {board:.0f} ms, {len(dashboard_queries)} truy vấn")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
