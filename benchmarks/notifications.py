"""Benchmark the notification poller: over N pending notifications, claim and send one batch of 1,000 mails.

Usage (PostgreSQL; a database of its own, never the office's):
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/doithoai_notify_bench \\
        .venv/bin/python -m benchmarks.notifications --rows 1000000
Mails go to a local SMTP sink started by this script (127.0.0.1, a free port). Prints the query plan of the
claim (it must use the partial index `notification_due`) and the seconds for the batch (goal: under 5 s).
"""

from __future__ import annotations

import argparse
import socketserver
import threading
import time

from benchmarks.generate import setup_django


class Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept every message and throw it away; counts what it received."""

    received = 0

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            command = line[:4].upper()
            if command == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                Sink.received += 1
                self.wfile.write(b"250 ok\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def fill(rows: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection

    from notifications.models import Notification

    Notification.objects.all().delete()
    user, _ = User.objects.get_or_create(username="bench_notify", defaults={"email": "bench@example.invalid"})
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO notifications_notification (recipient_id, kind, channel, address, subject, body, link,
                object_id, legally_required, state, created_at, due_at, next_attempt_at, claim, attempts, last_error)
            SELECT %s, 'answer_due', 'email', 'bench@example.invalid', 'Nhắc hạn trả lời ý kiến số ' || n,
                'Vụ việc thử nghiệm số ' || n, '', '', true, 'pending', now(),
                now() - make_interval(secs => n %% 86400), now() - make_interval(secs => n %% 86400), '', 0, ''
            FROM generate_series(1, %s) AS n
            """,
            [user.pk, rows],
        )
        cursor.execute("ANALYZE notifications_notification")


def plan() -> str:
    """The claim's own query (notifications.poller.due_rows), explained."""
    from django.db import transaction
    from django.utils import timezone

    from notifications.poller import due_rows

    with transaction.atomic():
        return due_rows(timezone.now())[:1000].explain()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=1000)
    options = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from notifications.poller import run_once

    call_command("migrate", verbosity=0)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.server_address[1]
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER = False, ""
    started = time.perf_counter()
    fill(options.rows)
    print(f"{options.rows} pending notifications written in {time.perf_counter() - started:.1f} s")
    print(plan())
    started = time.perf_counter()
    outcome = run_once(options.batch)
    elapsed = time.perf_counter() - started
    print(f"batch: claimed {outcome.claimed}, sent {outcome.sent}, failed {outcome.retrying + outcome.failed}; "
          f"sink received {Sink.received}; {elapsed:.2f} s (goal < 5 s)")
    server.shutdown()


if __name__ == "__main__":
    main()
