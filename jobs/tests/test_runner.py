"""The runner: inline runs, progress, results, failures, the dedupe key and the claim."""

from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from jobs import runner
from jobs.models import Job, JobState

from . import handlers

pytestmark = pytest.mark.django_db


def test_inline_job_runs_and_keeps_its_result(lan, office):
    job = runner.start("tests.echo", user=lan, params={"text": "Xin chào", "steps": 3}, unit=office.unit)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.percent == 100
    assert (job.done, job.total) == (3, 3)
    assert job.started is not None and job.finished is not None
    assert job.result_name == "loi-chao.txt"
    with job.result.open("rb") as handle:
        assert handle.read().decode("utf-8") == "Xin chào"
    assert job.created_by == lan and job.unit == office.unit


def test_progress_is_written_at_once(lan):
    job = Job.objects.create(kind="tests.echo", created_by=lan)
    job.set_progress(2, 5)
    stored = Job.objects.get(pk=job.pk)
    assert (stored.done, stored.total, stored.percent) == (2, 5, 40)


def test_refusal_keeps_the_vietnamese_reason(lan):
    job = runner.start("tests.refuse", user=lan, params={"reason": "Văn bản không còn trong sổ."})
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.message == "Văn bản không còn trong sổ."
    assert not job.result


def test_crash_is_logged_and_shows_no_internals(lan, caplog):
    with caplog.at_level("ERROR", logger="doithoai"):
        job = runner.start("tests.crash", user=lan, params={})
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.message == runner.UNEXPECTED
    assert "secret internal detail" not in job.message
    assert any("failed unexpectedly" in record.message for record in caplog.records)


def test_a_handler_that_finishes_nothing_fails(lan):
    job = runner.start("tests.forget", user=lan, params={})
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "không tạo ra kết quả" in job.message


def test_unknown_kind_is_refused_and_writes_nothing(lan):
    with pytest.raises(ValueError):
        runner.start("tests.no-such-kind", user=lan, params={})
    assert not Job.objects.exists()


def test_same_key_returns_the_finished_job_without_redoing_it(lan):
    first = runner.start("tests.echo", user=lan, params={"text": "một"}, dedupe_key="echo:1")
    again = runner.start("tests.echo", user=lan, params={"text": "một"}, dedupe_key="echo:1")
    assert again.pk == first.pk
    assert handlers.runs == [first.pk]
    assert Job.objects.count() == 1


def test_same_key_returns_the_waiting_job(lan):
    waiting = Job.objects.create(kind="tests.echo", created_by=lan, params={"text": "x"}, dedupe_key="echo:2")
    assert runner.start("tests.echo", user=lan, params={"text": "x"}, dedupe_key="echo:2").pk == waiting.pk
    assert handlers.runs == []


def test_after_a_failure_the_same_key_tries_again(lan):
    failed = runner.start("tests.refuse", user=lan, params={"reason": "Lỗi"}, dedupe_key="k")
    retry = runner.start("tests.refuse", user=lan, params={"reason": "Lỗi"}, dedupe_key="k")
    assert retry.pk != failed.pk and handlers.runs == [failed.pk, retry.pk]


def test_the_database_keeps_one_live_job_per_key(lan):
    Job.objects.create(kind="tests.echo", dedupe_key="k", state=JobState.DONE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(kind="tests.echo", dedupe_key="k")
    Job.objects.create(kind="tests.echo", dedupe_key="")  # no key: no limit
    Job.objects.create(kind="tests.echo", dedupe_key="")


def test_a_racing_start_returns_the_winner(lan):
    winner = Job.objects.create(kind="tests.echo", created_by=lan, params={"text": "x"}, dedupe_key="race")
    with mock.patch.object(runner, "existing", side_effect=[None, winner]):
        job = runner.start("tests.echo", user=lan, params={"text": "x"}, dedupe_key="race")
    assert job.pk == winner.pk
    assert Job.objects.count() == 1 and handlers.runs == []


def test_a_job_is_claimed_once(lan):
    job = Job.objects.create(kind="tests.echo", created_by=lan, params={"text": "x"})
    runner.execute(job.pk)
    runner.execute(job.pk)  # a second delivery of the same task
    assert handlers.runs == [job.pk]
    assert runner.claim(job.pk) is False


def test_with_a_broker_the_task_is_sent_after_commit(lan, settings, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("jobs.tasks.run_job.delay") as delay, django_capture_on_commit_callbacks(execute=True):
        job = runner.start("tests.echo", user=lan, params={"text": "x"})
        assert not delay.called  # not before the row is committed
    delay.assert_called_once_with(job.pk)
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED and handlers.runs == []


def test_a_job_whose_worker_died_is_run_again_by_the_next(lan):
    from django.utils import timezone

    job = Job.objects.create(kind="tests.echo", created_by=lan, params={"text": "x"}, state=JobState.RUNNING)
    Job.objects.filter(pk=job.pk).update(started=timezone.now() - runner.STALE_AFTER / 2)
    runner.execute(job.pk)  # still within the hour: another worker may be on it
    assert handlers.runs == []
    Job.objects.filter(pk=job.pk).update(started=timezone.now() - runner.STALE_AFTER * 2)
    runner.execute(job.pk)
    assert handlers.runs == [job.pk] and Job.objects.get(pk=job.pk).state == JobState.DONE
