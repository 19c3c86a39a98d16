"""Measure the pages a province uses against their floor (the same answer in hand-written SQL), in one run.

Usage: `make bench` (province size) or `make bench ARGS=--quick`. Prints one table — measure, data size,
result, floor, ratio, goal — and writes it to benchmarks/last-run.md with the machine it ran on.
Each page is fetched in-process through Django's test client as the user whose scope it measures;
a measure that runs past its cap is reported as "> cap" instead of hanging the run.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import secrets
import signal
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import TODAY, generate, setup_django
from benchmarks.indexes import ensure_indexes

CAP_SECONDS = 60
RUNS = 3


class Cap(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise Cap


@dataclass
class Measure:
    name: str
    data: str
    goal_ms: float
    page: Callable[[], object]
    floor: Callable[[], object] | None = None


def timed(action: Callable[[], object]) -> float | None:
    """Median milliseconds over RUNS after one warm-up, or None past the cap."""
    signal.signal(signal.SIGALRM, _alarm)
    samples = []
    try:
        for run in range(RUNS + 1):
            signal.alarm(CAP_SECONDS)
            started = time.perf_counter()
            action()
            elapsed = (time.perf_counter() - started) * 1000
            signal.alarm(0)
            if run:
                samples.append(elapsed)
    except Cap:
        return None
    finally:
        signal.alarm(0)
    return statistics.median(samples)


def sql(statement: str, params: list) -> Callable[[], object]:
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall()

    return run


def page(client, url: str) -> Callable[[], object]:
    def run():
        response = client.get(url, secure=True)  # as behind the HTTPS proxy: no redirect to https
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return response

    return run


def measures(size_name: str) -> list[Measure]:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from dialogues.models import Dialogue, ScheduleStep
    from organizations.models import AdministrativeUnit
    from petitions.models import Case

    marker = f"B{size_name[0].upper()}"
    province = AdministrativeUnit.objects.get(code=f"{marker}00")
    commune = AdministrativeUnit.objects.filter(parent=province).order_by("code").first()
    viewer, clerk = Client(), Client()
    viewer.force_login(User.objects.get(username=f"bench-{size_name}-tinh"))
    clerk.force_login(User.objects.get(username=f"bench-{size_name}-xa"))
    in_province = f"SELECT id FROM organizations_administrativeunit WHERE path LIKE '{province.path}%%'"
    opinions = Case.objects.filter(unit__path__startswith=province.path).count()
    commune_opinions = Case.objects.filter(unit=commune).count()
    steps = ScheduleStep.objects.filter(status="pending").count()
    dialogues = Dialogue.objects.filter(unit__path__startswith=province.path).count()
    case = Case.objects.filter(unit=commune).order_by("id").first()
    today = TODAY.isoformat()
    return [
        Measure(
            "overdue board, first page",
            f"{steps:,} open steps",
            200,
            page(viewer, reverse("dialogues:overdue")),
            sql(
                "SELECT s.id, s.due, d.title FROM dialogues_schedulestep s JOIN dialogues_dialogue d ON d.id = s.dialogue_id"
                f" WHERE s.status = 'pending' AND s.due < %s AND d.status <> 'cancelled' AND d.unit_id IN ({in_province})"
                " ORDER BY s.due, s.id LIMIT 50",
                [today],
            ),
        ),
        Measure(
            "overdue steps per unit (SQL)",
            f"{steps:,} open steps",
            500,
            sql(
                "SELECT d.unit_id, count(*) FROM dialogues_schedulestep s JOIN dialogues_dialogue d ON d.id = s.dialogue_id"
                f" WHERE s.status = 'pending' AND s.due < %s AND d.status <> 'cancelled' AND d.unit_id IN ({in_province})"
                " GROUP BY d.unit_id",
                [today],
            ),
        ),
        Measure(
            "opinions list, province viewer",
            f"{opinions:,} opinions",
            150,
            page(viewer, reverse("petitions:list")),
            sql(
                f"SELECT id, summary FROM petitions_case WHERE unit_id IN ({in_province})"
                " ORDER BY created_at DESC, id DESC LIMIT 50",
                [],
            ),
        ),
        Measure(
            'search "dat dai", province',
            f"{opinions:,} opinions",
            150,
            page(viewer, reverse("petitions:list") + "?q=dat+dai"),
            sql(
                f"SELECT id, summary FROM petitions_case WHERE unit_id IN ({in_province}) AND search_text LIKE %s"
                " ORDER BY created_at DESC, id DESC LIMIT 50",
                ["%dat dai%"],
            ),
        ),
        Measure(
            'search "dat dai", one commune',
            f"{commune_opinions:,} of {opinions:,}",
            150,
            page(clerk, reverse("petitions:list") + "?q=dat+dai"),
            sql(
                "SELECT id, summary FROM petitions_case WHERE unit_id = %s AND search_text LIKE %s"
                " ORDER BY created_at DESC LIMIT 50",
                [commune.pk, "%dat dai%"],
            ),
        ),
        Measure(
            "Form 5 compilation, province",
            f"{opinions:,} opinions",
            300,
            page(viewer, reverse("petitions:compilation")),
            sql(
                f"SELECT field_id, jurisdiction, status, count(*) FROM petitions_case WHERE unit_id IN ({in_province})"
                " GROUP BY field_id, jurisdiction, status",
                [],
            ),
        ),
        Measure(
            "API list, one commune",
            f"{commune_opinions:,} opinions",
            150,
            page(clerk, f"/api/v1/petitions?unit={commune.code}"),
            sql("SELECT * FROM petitions_petition WHERE unit_id = %s ORDER BY received_on DESC, id DESC LIMIT 100", [commune.pk]),
        ),
        Measure(
            "dialogues list, province",
            f"{dialogues:,} dialogues",
            150,
            page(viewer, reverse("dialogues:list")),
            sql(
                f"SELECT id, title, date FROM dialogues_dialogue WHERE unit_id IN ({in_province})"
                " ORDER BY date DESC, id DESC LIMIT 50",
                [],
            ),
        ),
        Measure(
            "case page with suggestions",
            f"{commune_opinions:,} matters in the unit",
            150,
            page(clerk, reverse("petitions:case", args=[case.pk])),
        ),
    ]


def fmt(ms: float | None) -> str:
    if ms is None:
        return f"> {CAP_SECONDS} s"
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def run(size_name: str) -> str:
    rows = ["| measure | data | result | floor | ratio | goal | met |", "|---|---|---|---|---|---|---|"]
    for measure in measures(size_name):
        result = timed(measure.page)
        floor = timed(measure.floor) if measure.floor else None
        ratio = f"{result / floor:.1f}×" if result and floor else "—"
        met = "yes" if result is not None and result <= measure.goal_ms else "no"
        rows.append(
            f"| {measure.name} | {measure.data} | {fmt(result)} | {fmt(floor) if measure.floor else '—'} | {ratio}"
            f" | < {measure.goal_ms:.0f} ms | {met} |"
        )
        print(rows[-1], flush=True)
    from django.db import connection

    database = f"PostgreSQL {connection.pg_version // 10000}" if connection.vendor == "postgresql" else connection.vendor
    header = f"Run on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, size `{size_name}`, {database}"
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return f"{header}; {machine}; median of {RUNS} runs after a warm-up, cap {CAP_SECONDS} s.\n\n" + "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo hiệu năng các trang chính so với truy vấn SQL tối thiểu.")
    parser.add_argument("--quick", action="store_true", help="bộ dữ liệu nhỏ, cho một lần chạy ngắn")
    parser.add_argument("--size", choices=["quick", "province", "national"], default=None)
    args = parser.parse_args(argv)
    size_name = args.size or ("quick" if args.quick else "province")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DEBUG", "0")
    setup_django()
    from django.conf import settings

    # Pages render without `collectstatic` having run: static URLs unhashed (the manifest is a deployment step).
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    print(f"Sinh dữ liệu ({size_name}): {generate(size_name)}", flush=True)
    print(f"Chỉ mục tạo thêm: {ensure_indexes() or 'không'}", flush=True)
    table = run(size_name)
    Path(__file__).with_name("last-run.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
