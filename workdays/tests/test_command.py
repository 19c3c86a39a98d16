"""`python manage.py workdays after|before YYYY-MM-DD N` (issue: command line, exit 2 on bad input)."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("workdays", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_after_prints_iso_date_last(reference):
    code, out, _ = run("after", "2025-12-31", "3")
    assert code == 0
    assert out.strip().splitlines()[-1] == "2026-01-07"
    assert "12729/VPCP-KGVX" in out


def test_before_prints_iso_date_last(reference):
    code, out, _ = run("before", "2026-02-23", "5")
    assert code == 0
    assert out.strip().splitlines()[-1] == "2026-02-06"


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("after", "2026-13-01", "3"), "không hợp lệ"),
        (("after", "05/01/2026", "3"), "YYYY-MM-DD"),
        (("after", "2026-01-05", "x"), "Số ngày"),
        (("after", "2026-01-05", "0"), "Số ngày"),
        (("after", "2026-01-05", "-3"), "Số ngày"),
        (("before", "2026-01-05", "5000"), "Số ngày"),
        (("sideways", "2026-01-05", "3"), "after"),
    ],
)
def test_bad_input_exits_2_with_a_message(reference, args, fragment):
    code, out, err = run(*args)
    assert code == 2
    assert fragment in err
    assert out == ""


def test_real_process_exit_code_and_last_line(reference, tmp_path):
    """Run as a user would, in a subprocess, against a migrated throwaway SQLite database.

    Only the calendar's tables are migrated: the command reads nothing else, and a whole `migrate` costs about
    20 s (common/tests/test_reference_on_migrate.py runs that one).
    """
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "workdays", "-v0"], check=True, env=env)
    ok = subprocess.run(
        [sys.executable, "manage.py", "workdays", "after", "2026-04-29", "1"], capture_output=True, text=True, env=env
    )
    assert ok.returncode == 0
    assert ok.stdout.strip().splitlines()[-1] == "2026-05-04"
    bad = subprocess.run(
        [sys.executable, "manage.py", "workdays", "after", "2026-02-30", "1"], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 2
    assert "Lỗi" in bad.stderr
