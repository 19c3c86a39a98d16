"""The beat schedule: nightly housekeeping names tasks and commands that exist."""

import pytest
from django.conf import settings
from django.core.management import get_commands

from config.celery import app
from jobs.tasks import run_command


def test_every_scheduled_entry_has_its_task_and_command():
    app.loader.import_default_modules()
    names = {entry["args"][0] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert names == {"anonymise_closed_cases", "prune_security_log", "prune_jobs", "remind_deadlines", "send_notifications"}
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks and entry["args"][0] in get_commands()


@pytest.mark.django_db
def test_the_scheduled_command_runs(capsys):
    run_command.apply(args=["anonymise_closed_cases", "--dry-run"]).get()
    assert "Sẽ ẩn danh: 0 vụ việc" in capsys.readouterr().out
