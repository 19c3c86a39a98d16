"""Measure the pages a province (or the country) uses against their floor (the same answer in hand-written SQL), in one run.

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
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import TODAY, generate, setup_django
from benchmarks.indexes import ensure_indexes

CAP_SECONDS = 60
NEWEST = "created_at DESC, id DESC"
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
    within: float | None = None  # the goal also asks: at most this many times its floor
    memory: bool = False  # measured in MB: the request's peak Python heap, not its time (goal_ms is then MB)


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


def peak_memory(action: Callable[[], object]) -> tuple[float, int]:
    """The Python heap's peak during the action, in MB, above what was allocated before it; and the page's bytes.

    The issue measured the overdue board at 7.8 GB and a 323 MB page: rows built as Python objects, all of them.
    tracemalloc sees every Python object; libpq's own buffer of a result is outside it, as is a page's LIMIT.
    """
    action()  # warm-up: caches, templates, prepared statements
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        response = action()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return (peak - before) / 1_000_000, len(getattr(response, "content", b""))


def sql(statement: str, params: list) -> Callable[[], object]:
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall()

    return run


def both(*actions: Callable[[], object]) -> Callable[[], object]:
    """One floor made of several statements (a page's rows and its total)."""

    def run():
        return [action() for action in actions]

    return run


def page(client, url: str) -> Callable[[], object]:
    def run():
        response = client.get(url, secure=True)  # as behind the HTTPS proxy: no redirect to https
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return response

    return run


def cold(action: Callable[[], object]) -> Callable[[], object]:
    """The action right after a change: the cached totals are empty and computed again (the worst view)."""
    from django.core.cache import cache

    def run():
        cache.clear()
        return action()

    return run


def measures(size_name: str) -> list[Measure]:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from dialogues.models import Dialogue, ScheduleStep
    from dialogues.views import overdue_totals
    from documents.issuing import draft
    from documents.kinds import Kind
    from organizations.access import units_for
    from organizations.models import AdministrativeUnit
    from petitions.models import Case

    marker = f"B{size_name[0].upper()}"
    province = AdministrativeUnit.objects.get(code=f"{marker}00")
    commune = AdministrativeUnit.objects.filter(parent=province).order_by("code").first()
    viewer_user = User.objects.get(username=f"bench-{size_name}-tinh")
    viewer, clerk, big = Client(), Client(), Client()
    viewer.force_login(viewer_user)
    clerk.force_login(User.objects.get(username=f"bench-{size_name}-xa"))
    big.force_login(User.objects.get(username=f"bench-{size_name}-xa-lon"))
    followed = units_for(viewer_user, "supervise")
    in_units = f"SELECT id FROM organizations_administrativeunit WHERE {_paths(followed)}"
    in_province = in_units  # the viewer's units: one province, or every province at the national size
    everything = Case.objects.count()
    opinions = Case.objects.filter(unit__in=followed).count()
    commune_opinions = Case.objects.filter(unit=commune).count()
    steps = ScheduleStep.objects.overdue(TODAY).filter(dialogue__unit__in=followed).count()
    dialogues = Dialogue.objects.filter(unit__in=followed).count()
    commune_dialogues = Dialogue.objects.filter(unit=commune).count()
    big_case = Case.objects.filter(unit__code=f"{marker}00-0001").order_by("id").first()
    big_matters = Case.objects.filter(unit=big_case.unit).count()
    meeting = Dialogue.objects.filter(unit=commune).order_by("-date", "-id").first()
    meeting_matters = Case.objects.filter(dialogue=meeting).count()
    today = TODAY.isoformat()
    scope = "country" if size_name == "national" else "province"
    overdue_sql = (
        "FROM dialogues_schedulestep s JOIN dialogues_dialogue d ON d.id = s.dialogue_id"
        f" WHERE s.status = 'pending' AND s.due < %s AND d.status IN ('planned', 'announced', 'held', 'concluded')"
        f" AND d.unit_id IN ({in_units})"
    )
    # The search page shows its first 50 matches and how many there are: its floor is both, in hand-written SQL.
    search_where = (
        "FROM petitions_case c WHERE unit_id IN ({units}) AND (search_text LIKE %s OR EXISTS"
        " (SELECT 1 FROM petitions_petition p WHERE p.case_id = c.id AND p.search_text LIKE %s))"
    )
    search_sql = "SELECT id, summary " + search_where + " ORDER BY created_at DESC, id DESC LIMIT 50"
    search_count = "SELECT count(*) " + search_where
    rows = [
        Measure(
            "request floor: a page that does nothing (404), logged in",
            "the same middleware, session and template engine",
            50,
            lambda: viewer.get("/khong-co-trang-nay/", secure=True),
        ),
        Measure(
            f"overdue board, first page ({scope} viewer)",
            f"{steps:,} overdue steps",
            200,
            page(viewer, reverse("dialogues:overdue")),
            sql(f"SELECT s.id, s.due {overdue_sql} ORDER BY s.due, d.date, s.id LIMIT 50", [today]),
        ),
        Measure(
            "overdue steps per unit, recomputed after a change",
            f"{steps:,} overdue steps",
            500,
            cold(lambda: overdue_totals(followed, TODAY)),
            sql(f"SELECT d.unit_id, count(*) {overdue_sql} GROUP BY d.unit_id", [today]),
        ),
        Measure(
            f"opinions list, {scope} viewer",
            f"{opinions:,} of {everything:,} opinions",
            150,
            page(viewer, reverse("petitions:list")),
            sql(f"SELECT id, summary FROM petitions_case WHERE unit_id IN ({in_province}) ORDER BY {NEWEST} LIMIT 50", []),
        ),
        Measure(
            f"opinions list, {scope} viewer, after a change (counts recomputed)",
            f"{opinions:,} opinions",
            1000,
            cold(page(viewer, reverse("petitions:list"))),
            sql(
                f"SELECT field_id, jurisdiction, status, agency_id, count(*) FROM petitions_case WHERE unit_id IN ({in_province})"
                " GROUP BY 1, 2, 3, 4",
                [],
            ),
        ),
        Measure(
            f'search "dat dai", {scope} viewer',
            f"{opinions:,} opinions",
            150,
            page(viewer, reverse("petitions:list") + "?q=dat+dai"),
            both(
                sql(search_sql.format(units=in_province), ["%dat dai%", "%dat dai%"]),
                sql(search_count.format(units=in_province), ["%dat dai%", "%dat dai%"]),
            ),
            within=3,
        ),
        Measure(
            'search "dat dai", one commune',
            f"{commune_opinions:,} of {everything:,}",
            150,
            page(clerk, reverse("petitions:list") + "?q=dat+dai"),
            sql(
                "SELECT id, summary FROM petitions_case c WHERE unit_id = %s AND (lower(search_text) LIKE %s OR EXISTS"
                " (SELECT 1 FROM petitions_petition p WHERE p.unit_id = %s AND p.case_id = c.id"
                " AND lower(p.search_text) LIKE %s))"
                f" ORDER BY {NEWEST} LIMIT 50",
                [commune.pk, "%dat dai%", commune.pk, "%dat dai%"],
            ),
            # No ratio: the issue asks a commune's pages for < 150 ms only; its floor (about 1 ms) is below the cost
            # of any page (the request floor, first row), so a ratio would measure the framework, not the search.
        ),
        Measure(
            "opinions list, one commune",
            f"{commune_opinions:,} of {everything:,}",
            150,
            page(clerk, reverse("petitions:list")),
            sql(f"SELECT id, summary FROM petitions_case WHERE unit_id = %s ORDER BY {NEWEST} LIMIT 50", [commune.pk]),
        ),
        Measure(
            f"Form 5 compilation, {scope} viewer",
            f"{opinions:,} opinions",
            300,
            page(viewer, reverse("petitions:compilation")),
            sql(
                "SELECT c.field_id, c.jurisdiction, count(DISTINCT c.id), count(p.id) FROM petitions_case c"
                f" LEFT JOIN petitions_petition p ON p.case_id = c.id WHERE c.unit_id IN ({in_province}) GROUP BY 1, 2",
                [],
            ),
            within=2,
        ),
        Measure(
            "API list, one commune",
            f"{commune_opinions:,} opinions",
            150,
            page(clerk, f"/api/v1/petitions?unit={commune.code}"),
            sql("SELECT * FROM petitions_petition WHERE unit_id = %s ORDER BY received_on DESC, id DESC LIMIT 100", [commune.pk]),
        ),
        Measure(
            f"dialogues list, {scope} viewer",
            f"{dialogues:,} dialogues",
            150,
            page(viewer, reverse("dialogues:list")),
            sql(
                f"SELECT id, title, date FROM dialogues_dialogue WHERE unit_id IN ({in_province}) ORDER BY date DESC, id DESC"
                " LIMIT 50",
                [],
            ),
        ),
        Measure(
            "dialogues list, one commune",
            f"{commune_dialogues:,} of {Dialogue.objects.count():,}",
            150,
            page(clerk, reverse("dialogues:list")),
            sql(
                "SELECT id, title, date FROM dialogues_dialogue WHERE unit_id = %s  ORDER BY date DESC, id DESC LIMIT 50",
                [commune.pk],
            ),
        ),
        Measure(
            "case page with suggestions",
            f"{big_matters:,} matters in the unit",
            150,
            page(big, reverse("petitions:case", args=[big_case.pk])),
        ),
        Measure(
            "case page with suggestions, first view after a change",
            f"{big_matters:,} matters in the unit",
            1000,
            lambda: _suggestions_after_change(big, big_case),
        ),
        Measure(
            "conclusion notice (DOCX draft)",
            f"{meeting_matters:,} matters",
            300,
            lambda: draft(Kind.CONCLUSION, meeting),
        ),
    ]
    # Memory stays flat: the issue measured 7.8 GB, +626 MB and +1.5 GB for these three pages.
    for name, data, action in (
        (f"overdue board, first page ({scope} viewer)", f"{steps:,} overdue steps", page(viewer, reverse("dialogues:overdue"))),
        (
            f"Form 5 compilation ({scope} viewer), after a change",
            f"{opinions:,} opinions",
            cold(page(viewer, reverse("petitions:compilation"))),
        ),
        (f"dialogues list ({scope} viewer)", f"{dialogues:,} dialogues", page(viewer, reverse("dialogues:list"))),
    ):
        rows.append(Measure(f"{name}: peak memory, page size", data, 50, action, memory=True))
    return rows


def _paths(units) -> str:
    """The SQL condition of the units a user follows, as hand-written SQL for the floor."""
    roots = {unit.path for unit in units if unit.parent_id is None} or {unit.path for unit in units}
    return " OR ".join(f"path LIKE '{path}%%'" for path in sorted(roots))


def _suggestions_after_change(client, case) -> object:
    """The unit's suggestion index is rebuilt after its matters changed (the cache is dropped, as a change does)."""
    from django.core.cache import cache
    from django.urls import reverse

    from petitions import suggest

    suggest.forget(case.unit_id)
    cache.clear()
    return page(client, reverse("petitions:case", args=[case.pk]))()


def fmt(ms: float | None) -> str:
    if ms is None:
        return f"> {CAP_SECONDS} s"
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def run(size_name: str) -> str:
    rows = ["| measure | data | result | floor | ratio | goal | met |", "|---|---|---|---|---|---|---|"]
    for measure in measures(size_name):
        if measure.memory:
            megabytes, size = peak_memory(measure.page)
            met = "yes" if megabytes < measure.goal_ms else "no"
            rows.append(
                f"| {measure.name} | {measure.data} | {megabytes:.1f} MB, page {size / 1000:,.0f} kB | — | —"
                f" | < {measure.goal_ms:.0f} MB | {met} |"
            )
            print(rows[-1], flush=True)
            continue
        result = timed(measure.page)
        floor = timed(measure.floor) if measure.floor else None
        ratio = f"{result / floor:.1f}×" if result and floor else "—"
        met = result is not None and result <= measure.goal_ms
        goal = f"< {measure.goal_ms:.0f} ms"
        if measure.within:
            goal += f", ≤ {measure.within:.0f}× floor"
            met = met and floor is not None and result <= measure.within * floor
        rows.append(
            f"| {measure.name} | {measure.data} | {fmt(result)} | {fmt(floor) if measure.floor else '—'} | {ratio}"
            f" | {goal} | {'yes' if met else 'no'} |"
        )
        print(rows[-1], flush=True)
    from django.db import connection

    database = f"PostgreSQL {connection.pg_version // 10000}" if connection.vendor == "postgresql" else connection.vendor
    header = f"Run on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, size `{size_name}`, {database}"
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    machine += ", load average {:.1f} / {:.1f} / {:.1f} (1/5/15 min) at the end".format(*os.getloadavg())
    return f"{header}; {machine}; median of {RUNS} runs after a warm-up, cap {CAP_SECONDS} s.\n\n" + "\n".join(rows) + "\n"


def record(size_name: str, table: str) -> None:
    """Write this size's table into benchmarks/last-run.md, keeping the other sizes' last tables."""
    path = Path(__file__).with_name("last-run.md")
    sections = {}
    if path.exists():
        for part in path.read_text(encoding="utf-8").split("\n## size ")[1:]:
            name, _, body = part.partition("\n")
            sections[name.strip("` ")] = body.strip()
    sections[size_name] = table.strip()
    order = [name for name in ("quick", "province", "national") if name in sections]
    note = (
        "\nEach table: the pages timed in-process as the user whose scope they measure, beside their floor (the same"
        " answer in hand-written SQL) timed in the same run. The first row, a page that does nothing, is the request"
        " floor: with the load average in the header it says how busy the (shared) machine was.\n"
    )
    text = (
        "# Last `make bench` runs (benchmarks/run.py)\n"
        + note
        + "".join(f"\n## size `{name}`\n\n{sections[name]}\n" for name in order)
    )
    path.write_text(text, encoding="utf-8")


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
    record(size_name, table)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
