"""One job through a real Celery worker on Redis (skipped when Redis is unreachable, unless REQUIRE_REDIS=1).

The worker runs in a thread of the test process (celery.contrib.testing), so it shares the test
database on SQLite (in-memory, shared cache) and on PostgreSQL alike; the job row is committed
(transactional_db) before the task is sent, as in production. The test waits for the worker's
task_postrun signal instead of polling the row: on SQLite's shared in-memory cache a read from the
test thread while the worker writes fails the write with "database table is locked" (seen in CI).
"""

import os
import threading
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections

from config.celery import app
from jobs import runner
from jobs.models import Job, JobState

from . import handlers

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_reachable() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _close_connections(**kwargs) -> None:
    """The worker thread's database connection ends with its task (PostgreSQL can then drop the test database)."""
    connections.close_all()


@pytest.fixture
def celery_on_redis(settings):
    if not _redis_reachable():
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"REQUIRE_REDIS=1 nhưng không kết nối được Redis ({REDIS_URL}).")
        pytest.skip(f"Redis không kết nối được ({REDIS_URL}).")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queue = f"doithoai-test-{uuid.uuid4().hex}"  # parallel test processes never take each other's tasks
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False, task_default_queue=queue)
    task_postrun.connect(_close_connections, weak=False)  # as the worker's Django fixup does in production
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        task_postrun.disconnect(_close_connections)
        app.conf.update(saved)
        redis.Redis.from_url(REDIS_URL).delete(queue)


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_on_a_real_worker(celery_on_redis, kinds):
    from organizations.tests.factories import UserFactory

    finished = threading.Event()

    def _finished(**kwargs) -> None:
        finished.set()

    task_postrun.connect(_finished, weak=False)
    try:
        lan = UserFactory(username="lan")
        job = runner.start("tests.echo", user=lan, params={"text": "Qua Redis", "steps": 3}, dedupe_key="worker:1")
        assert job.state == JobState.QUEUED  # not run in the request
        assert finished.wait(30), "the worker did not run the task within 30 s"
    finally:
        task_postrun.disconnect(_finished)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert (job.done, job.total) == (3, 3) and handlers.runs == [job.pk]
    with job.result.open("rb") as handle:
        assert handle.read().decode("utf-8") == "Qua Redis"
    assert Job.objects.count() == 1
