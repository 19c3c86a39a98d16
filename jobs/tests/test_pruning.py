"""Old finished jobs and their files are deleted; waiting, running and recent ones stay."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobs import runner
from jobs.models import Job, JobState
from jobs.pruning import prune_jobs

pytestmark = pytest.mark.django_db


def test_old_results_go_and_recent_or_active_jobs_stay(lan, django_capture_on_commit_callbacks):
    old = runner.start("tests.echo", user=lan, params={"text": "cũ"})
    recent = runner.start("tests.echo", user=lan, params={"text": "mới"})
    running = Job.objects.create(kind="tests.echo", created_by=lan, state=JobState.RUNNING)
    month_ago = timezone.now() - datetime.timedelta(days=31)
    Job.objects.filter(pk__in=[old.pk, running.pk]).update(created=month_ago)
    stored = Job.objects.get(pk=old.pk).result
    with django_capture_on_commit_callbacks(execute=True):
        assert prune_jobs(30) == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not stored.storage.exists(stored.name)


def test_a_bad_period_is_refused(lan):
    runner.start("tests.echo", user=lan, params={"text": "x"})
    with pytest.raises(SystemExit) as exit_:
        call_command("prune_jobs", "--days", "0")
    assert exit_.value.code == 2 and Job.objects.count() == 1
