"""Every model change has its migration (a missing one would surprise the next deployment)."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit_:
        pytest.fail(f"makemigrations would create migrations:\n{out.getvalue()} (exit {exit_.code})")
