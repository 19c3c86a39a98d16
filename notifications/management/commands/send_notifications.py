"""`python manage.py send_notifications`: one pass of the poller (cron every minute, or Celery beat);
`--loop` keeps passing every `--every` seconds (what `make run` starts beside the server)."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from common import dates
from notifications.poller import run_once
from notifications.reminders import run_all


class Command(BaseCommand):
    help = "Gửi các thông báo đến hạn (một lượt); chạy lại an toàn, hai tiến trình cùng lúc không gửi trùng."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000, help="số thông báo tối đa mỗi lượt")
        parser.add_argument("--loop", action="store_true", help="chạy liên tục, mỗi --every giây một lượt")
        parser.add_argument("--every", type=float, default=30.0, help="số giây giữa hai lượt khi --loop (mặc định 30)")
        parser.add_argument(
            "--remind", action="store_true", help="với --loop: mỗi ngày mới chạy remind_deadlines một lần (bản cài đơn giản)"
        )
        parser.add_argument("--passes", type=int, default=0, help="với --loop: dừng sau chừng ấy lượt (0: không dừng)")

    def handle(
        self, *args, batch: int = 1000, loop: bool = False, every: float = 30.0, passes: int = 0, remind: bool = False, **options
    ):
        if not loop:
            self._pass(batch)
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        done, reminded = 0, None
        try:
            while not stopping:
                if not connection.in_atomic_block:  # a long-running loop drops broken or expired connections
                    close_old_connections()
                if remind and reminded != dates.today():
                    reminded = dates.today()
                    written = sum(run_all(reminded).values())
                    self.stdout.write(f"Nhắc hạn ngày {reminded:%d/%m/%Y}: {written} thông báo mới.")
                self._pass(batch)
                done += 1
                if passes and done >= passes:
                    break
                deadline = time.monotonic() + max(every, 0.0)
                while not stopping and time.monotonic() < deadline:
                    time.sleep(min(0.5, max(every, 0.0)))
        except KeyboardInterrupt:
            pass
        self.stdout.write("Đã dừng gửi thông báo.")

    def _pass(self, batch: int) -> None:
        outcome = run_once(batch)
        self.stdout.write(
            f"Đã nhận {outcome.claimed}, gửi {outcome.sent}, chờ gửi lại {outcome.retrying}, thất bại {outcome.failed}."
        )
