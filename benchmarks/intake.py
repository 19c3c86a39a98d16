"""Opinion intake under gunicorn: requests per second and p99 latency at 8 and 32 clients (issue 16).

Usage (on the bench database, after `make bench` generated it):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/doithoai_bench .venv/bin/python -m benchmarks.intake

Starts gunicorn with deploy/gunicorn.conf.py on a free port (plain HTTP, as behind the TLS proxy), logs the
commune's clerk in, then each client thread posts opinions to `POST /api/v1/petitions` on a kept-alive
connection for a fixed time. The server runs as deploy/env.example sets it up, with Redis as the shared cache.
The floor is the same server answering its cheapest page, the login form (no database write), measured the
same way in the same run.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.generate import setup_django

ROOT = Path(__file__).resolve().parent.parent


def _revision() -> str:
    """The commit measured, so a table can be matched with the code that produced it (and whether code differed)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "*.py"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if head.returncode or changed.returncode:
        return "unknown"
    return head.stdout.strip() + (" with uncommitted changes" if changed.stdout.strip() else "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _login(username: str) -> tuple[str, str]:
    """A session cookie for the user, and a CSRF secret to send as cookie and header (the API's session callers)."""
    from django.contrib.auth.models import User
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.cookies["sessionid"].value, _get_new_csrf_string()


def _wait(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn không khởi động được")


def _busy_seconds() -> float:
    """CPU time used by the whole machine so far (every process: web workers, PostgreSQL, this load generator)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, idle, iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _process_seconds(name: str) -> dict[int, float]:
    """CPU time used so far by each running process called `name` (gunicorn's workers)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        if text[text.index("(") + 1 : text.rindex(")")] == name:
            fields = text[text.rindex(")") + 2 :].split()
            found[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def _used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds the processes used between two readings; one that ended meanwhile is left out, not subtracted."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _cpu_now() -> tuple[float, dict[int, float], float]:
    """The machine's CPU seconds so far, those of gunicorn's processes, and this load generator's."""
    return _busy_seconds(), _process_seconds("gunicorn"), time.process_time()


def load(port: int, clients: int, seconds: float, method: str, path: str, body: dict | None, headers: dict) -> dict:
    """`clients` threads, each on its own kept-alive connection, for `seconds`: req/s, p50, p99, errors, and the
    CPU milliseconds each request cost: the whole machine's, the web workers', PostgreSQL's (the rest) and the
    load generator's."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, count = [], 0
        while time.monotonic() < stop:
            payload = None
            if body is not None:
                count += 1
                payload = json.dumps({**body, "content": f"{body['content']} (máy {number}, lần {count})"})
            started = time.perf_counter()
            try:
                connection.request(method, path, body=payload, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                ok = response.status in (200, 201)
                if not ok and not errors[0]:
                    print(f"{method} {path}: HTTP {response.status} {answer[:300]!r}", flush=True)
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - started) * 1000)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    cpu = _cpu_now()
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    now = _cpu_now()
    machine, web, generator = now[0] - cpu[0], _used(cpu[1], now[1]), now[2] - cpu[2]
    # PostgreSQL's share is the rest (with the kernel's): its backends end and start again as the web workers renew
    # their connections (CONN_MAX_AGE), and what an ended backend used can no longer be read.
    used = [machine, web, max(machine - web - generator, 0.0), generator]
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) if latencies else 0,
        "p99": p99,
        "errors": errors[0],
        "n": len(latencies),
        "cpu_ms": [1000 * seconds_used / max(len(latencies), 1) for seconds_used in used],
    }


def forget(clerk) -> int:
    """Remove the opinions this run wrote, with their matters, events and history rows, then vacuum: the province's
    pages are measured on the generated data only (the intake commune is in the province), and the next run starts
    from the same tables (a PostgreSQL without autovacuum would keep every deleted row, and each run would be slower
    than the last). Benchmark data, never an office's: no history kept."""
    from petitions.models import Case, Petition

    written = Petition.objects.filter(created_by=clerk)
    rows = list(written.values_list("pk", "case_id"))
    petitions, cases = [pk for pk, _case in rows], [case for _pk, case in rows]
    count = len(cases)
    written.delete()
    Case.objects.filter(pk__in=cases, petitions__isnull=True).delete()
    # Their history, with the "deleted" rows the two deletes above just wrote.
    Petition.history.filter(id__in=petitions).delete()
    Case.history.filter(id__in=cases).delete()
    vacuum()
    return count


def vacuum() -> None:
    """VACUUM ANALYZE the tables intake writes (PostgreSQL), so that every run starts from tables without dead rows."""
    from django.db import connection

    from petitions.models import Case, CaseEvent, Petition

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Case, Petition, CaseEvent, Case.history.model, Petition.history.model):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo tiếp nhận ý kiến qua gunicorn (yêu cầu/giây, p99) ở 8 và 32 máy khách.")
    parser.add_argument("--size", default="province")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--runs", type=int, default=3, help="số lần đo mỗi dòng (mỗi lần một dòng trong bảng)")
    parser.add_argument("--workers", type=int, default=None, help="số tiến trình gunicorn (mặc định của deploy/gunicorn.conf.py)")
    args = parser.parse_args(argv)
    key = secrets.token_urlsafe(50)
    os.environ["SECRET_KEY"] = key
    os.environ.setdefault("DEBUG", "0")
    # As deploy/env.example: the shared Redis cache (rate limits, totals).
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/1")
    setup_django()
    from django.contrib.auth.models import User

    from organizations.enums import Role
    from organizations.models import AdministrativeUnit, Membership, Organization
    from petitions.models import Petition

    # Its own commune and clerk, so the opinions it writes do not change the data the page measures read.
    commune = AdministrativeUnit.objects.filter(code__startswith=f"B{args.size[0].upper()}00-").order_by("code")[2]
    clerk, _ = User.objects.get_or_create(username=f"bench-{args.size}-tiep-nhan")
    office = Organization.objects.get(unit=commune, kind__code="party_office")
    Membership.objects.get_or_create(user=clerk, organization=office, role=Role.ADVISING_STAFF)
    session, csrf = _login(clerk.username)
    vacuum()
    port = _free_port()
    environment = {**os.environ, "SECRET_KEY": key, "HTTPS": "0", "GUNICORN_BIND": f"127.0.0.1:{port}"}
    environment["GUNICORN_LOG_LEVEL"] = "warning"
    environment["GUNICORN_MAX_REQUESTS"] = "0"  # no worker recycled mid-line: each worker's CPU time is counted whole
    environment["STATIC_ROOT"] = str(ROOT / "var" / "bench-static")  # as `make serve`: hashed static files collected
    if args.workers:
        environment["GUNICORN_WORKERS"] = str(args.workers)
    manage = [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=environment, check=True)
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=environment)
    rows = []
    opinions = Petition.objects.count()  # the tables every opinion's INSERTs extend (and their indexes)
    started = datetime.datetime.now(datetime.UTC)
    try:
        _wait(port)
        cookies = f"sessionid={session}; csrftoken={csrf}"
        post = {
            "Cookie": cookies,
            "X-CSRFToken": csrf,
            "Content-Type": "application/json",
            "Referer": f"http://127.0.0.1:{port}/",
        }
        opinion = {"unit": commune.code, "content": "Đề nghị sửa đường ngõ 5 bị ngập khi mưa", "channel": "letter"}
        # Warm-up: every worker imports the application on its first request, then connections and caches.
        load(port, 8, 10, "GET", "/dang-nhap/", None, {})
        load(port, 4, 3, "POST", "/api/v1/petitions", opinion, post)
        for _run in range(args.runs):  # a shared machine varies from minute to minute: every run is shown
            for clients in (8, 32):
                floor = load(port, clients, args.seconds, "GET", "/dang-nhap/", None, {})
                result = load(port, clients, args.seconds, "POST", "/api/v1/petitions", opinion, post)
                rows.append((clients, result, floor))
                print(clients, result, floor, flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        print(f"Xóa {forget(clerk)} ý kiến đã gửi khi đo (các trang đo sau không đọc chúng).", flush=True)
    lines = [
        "| clients | intake req/s | p50 | p99 | errors | CPU per opinion: all / web / PostgreSQL and kernel / load generator"
        " | floor: login page req/s (p99), CPU per page | goal |",
        "|---" * 8 + "|",
    ]
    for clients, result, floor in rows:
        met = "yes" if result["rps"] >= 300 and result["p99"] < 150 and not result["errors"] else "no"
        everything, web, database, generator = result["cpu_ms"]
        lines.append(
            f"| {clients} | {result['rps']:.0f} | {result['p50']:.0f} ms | {result['p99']:.0f} ms | {result['errors']}"
            f" | {everything:.1f} / {web:.1f} / {database:.1f} / {generator:.1f} ms"
            f" | {floor['rps']:.0f} ({floor['p99']:.0f} ms), {floor['cpu_ms'][0]:.1f} ms"
            f" | ≥ 300 req/s, p99 < 150 ms: {met} |"
        )
    table = "\n".join(lines)
    print(table)
    Path(__file__).with_name("last-intake.md").write_text(
        f"Run on {started:%Y-%m-%d %H:%M}–{datetime.datetime.now(datetime.UTC):%H:%M} UTC, code {_revision()};"
        f" {platform.machine()}, Python {platform.python_version()}; {opinions:,} opinions in the database.\n\n"
        f"Intake under gunicorn, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end"
        " (the run itself keeps both cores busy),"
        f" {args.seconds:.0f} s per line, {args.runs} run{'s' if args.runs > 1 else ''} of each line."
        " CPU per opinion: the machine's CPU time"
        " during the line divided by the"
        f" opinions received (the load generator runs on the same machine), and the web workers', PostgreSQL's and"
        f" the load generator's shares of it (PostgreSQL's is the rest, with the kernel's)."
        f" {os.cpu_count()} cores give at most {os.cpu_count() * 1000:.0f} ms"
        " of CPU a second.\n\n" + table + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
