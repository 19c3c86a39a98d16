"""The documented production path, end to end on this machine: PostgreSQL, Redis, gunicorn, a Celery worker.

Creates a throwaway database, runs migrate + collectstatic + the demo, starts gunicorn (deploy/gunicorn.conf.py)
and a Celery worker with the production settings (DEBUG off, HTTPS on behind a pretend nginx that sends
X-Forwarded-Proto and X-Real-IP), logs in through the login form, asks for the PDF of an issued document
(a background job run by the worker; LibreOffice makes the PDF when installed, otherwise the job must fail
with its Vietnamese reason), checks /healthz, and stops everything. Exit code 0 when all of it worked.

    .venv/bin/python scripts/smoke_production.py [--database-url postgres://postgres@127.0.0.1:5432/doithoai_smoke]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ISSUE_PLAN = (
    "from petitions.tests.helpers import user; from dialogues.tests.factories import make_dialogue; "
    "from documents.issuing import issue; from documents.kinds import Kind; "
    "print('DOC', issue(Kind.PLAN, user('vanphong'), make_dialogue(venue='Hội trường UBND phường Hồng An')).pk)"
)

CLIENT_ADDRESS = "from audit.models import SecurityEvent as E; print(E.objects.filter(event='login.success').latest('at').ip)"


def step(message: str) -> None:
    print(f"[smoke {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A tiny client that behaves like a browser behind nginx (cookies by hand: they are Secure, we speak HTTP)."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {
            "Host": "doithoai.example.gov.vn",
            "X-Forwarded-Proto": "https",
            "X-Real-IP": "203.0.113.7",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"https://doithoai.example.gov.vn{path}"
            sent["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), data


def run(command: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        sys.exit(f"FAILED: {' '.join(command)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/doithoai_smoke")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="doithoai-smoke-"))
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "HTTPS": "1",
        "TRUST_PROXY_HEADERS": "1",
        "ALLOWED_HOSTS": "doithoai.example.gov.vn",
        "CSRF_TRUSTED_ORIGINS": "https://doithoai.example.gov.vn",
        "DATABASE_URL": args.database_url,
        "CELERY_BROKER_URL": args.redis_url,
        "CACHE_URL": args.redis_url.rsplit("/", 1)[0] + "/12",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "LOG_FORMAT": "json",
    }
    python = str(BIN / "python")
    step(f"database {args.database_url.rsplit('/', 1)[-1]} (new), Redis {args.redis_url}, port {port}")
    name = args.database_url.rsplit("/", 1)[-1]
    server = args.database_url.rsplit("/", 1)[0]
    run([python, "-c", f"import psycopg; c = psycopg.connect('{server}/postgres', autocommit=True); "
         f"c.execute('DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)'); c.execute('CREATE DATABASE \"{name}\"')"], env)
    run([python, "-c", f"import redis; redis.Redis.from_url('{args.redis_url}').flushdb()"], env)
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    run([python, "manage.py", "shell", "-c", "from organizations.demo import load_demo; load_demo()"], env)  # people, logins
    document = re.search(r"DOC (\d+)", run([python, "manage.py", "shell", "-c", ISSUE_PLAN], env).stdout).group(1)
    step(f"migrated, static collected, demo loaded, plan issued (document {document}) in {time.monotonic() - started:.0f}s")

    logs = (work / "gunicorn.log").open("w"), (work / "worker.log").open("w")
    processes = [
        subprocess.Popen([str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env,
                         stdout=logs[0], stderr=subprocess.STDOUT, start_new_session=True),
        subprocess.Popen([str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO", "--concurrency=1", "--pool=solo"],
                         cwd=ROOT, env=env, stdout=logs[1], stderr=subprocess.STDOUT, start_new_session=True),
    ]
    try:
        browser = Browser(port)
        for _ in range(120):
            try:
                status, _, body = browser.request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("FAILED: gunicorn did not answer")
        health = json.loads(body)
        assert status == 200 and health["status"] == "ok" and health["checks"]["redis"]["ok"], health
        step(f"/healthz ok: {json.dumps(health['checks'], ensure_ascii=False)}")

        status, headers, body = browser.request("GET", "/dang-nhap/")
        assert status == 200, status
        assert "Strict-Transport-Security" in headers and headers.get("X-Request-ID"), headers
        assert "default-src 'self'" in headers.get("Content-Security-Policy", ""), headers
        assert "max-age=" in headers.get("Strict-Transport-Security", ""), headers
        css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body.decode()).group(1)  # hashed name
        status, headers, _ = browser.request("GET", css, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip", (status, headers)
        assert "immutable" in headers.get("Cache-Control", ""), headers
        step(f"static files by whitenoise: {css} compressed, cached for good")
        status, _, _ = browser.request("GET", "/dang-nhap/", headers={"X-Forwarded-Proto": "http"})
        assert status == 301, f"plain HTTP must be redirected to HTTPS, got {status}"
        status, headers, _ = browser.request("POST", "/dang-nhap/", {"username": "vanphong", "password": "doithoai2026"})
        assert status == 302 and "sessionid" in browser.cookies, (status, headers)
        step("logged in as vanphong through the login form (HTTPS behind the pretend nginx)")

        status, headers, _ = browser.request("POST", f"/van-ban/tai/{document}/pdf/", {})
        assert status == 302 and "/cong-viec/" in headers["Location"], (status, headers)
        job = re.search(r"/cong-viec/(\d+)/", headers["Location"]).group(1)
        step(f"PDF asked: job {job}, waiting for the worker")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            status, _, body = browser.request("GET", f"/cong-viec/{job}/trang-thai/")
            state = re.search(r'data-state="(\w+)"', body.decode()).group(1)
            if state in {"done", "failed"}:
                break
            time.sleep(1)
        else:
            raise SystemExit("FAILED: the job did not finish within 5 minutes (is the worker running?)")
        if shutil.which("soffice") or shutil.which("libreoffice"):
            assert state == "done", body.decode()
            status, headers, pdf = browser.request("GET", f"/cong-viec/{job}/tai/")
            assert status == 200 and pdf.startswith(b"%PDF"), (status, headers, pdf[:40])
            step(f"PDF made by the worker with LibreOffice: {len(pdf)} bytes, {headers.get('Content-Disposition')}")
        else:
            assert state == "failed" and "LibreOffice" in body.decode(), body.decode()
            step("no LibreOffice here: the worker ran the job and it failed with its Vietnamese reason, as it must")
        worker_log = (work / "worker.log").read_text()
        assert "succeeded" in worker_log or "Task jobs" in worker_log, worker_log[-2000:]
        request_lines = [json.loads(line) for line in (work / "gunicorn.log").read_text().splitlines() if line.startswith("{")]
        assert any(line.get("logger") == "doithoai.request" and line.get("user_id") for line in request_lines)
        step(f"JSON request log: {len(request_lines)} lines, e.g. {json.dumps(request_lines[-1], ensure_ascii=False)}")
        seen = run([python, "manage.py", "shell", "-c", CLIENT_ADDRESS], env).stdout.split()
        assert seen[-1] == "203.0.113.7", seen  # the address nginx gave, not nginx's own (rate limits, lockouts)
        step("the security log has the client's address from X-Real-IP (203.0.113.7), not the proxy's")
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        for log in logs:
            log.close()
    run([python, "-c", f"import psycopg; c = psycopg.connect('{server}/postgres', autocommit=True); "
         f"c.execute('DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)')"], env)
    step(f"all good in {time.monotonic() - started:.0f}s (logs in {work}; database dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
