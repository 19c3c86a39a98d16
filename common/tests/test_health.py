"""/healthz: up when the database (and Redis when configured) answer; queue, disk, LibreOffice reported; no personal data."""

import datetime
import json

import pytest
from django.utils import timezone

from jobs.models import Job, JobState
from organizations.tests.factories import UserFactory


@pytest.mark.django_db
def test_healthy_node_answers_200_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert "redis" not in body["checks"]  # no broker, no cache on Redis: nothing to check
    assert body["checks"]["disk"]["free_mb"] > 0
    assert isinstance(body["checks"]["libreoffice"]["present"], bool)
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_queue_latency_is_the_age_of_the_oldest_waiting_job(client):
    lan = UserFactory(username="lan.nguyen", first_name="Lan")
    old = Job.objects.create(kind="documents.pdf", created_by=lan)
    Job.objects.filter(pk=old.pk).update(created=timezone.now() - datetime.timedelta(minutes=5))
    Job.objects.create(kind="documents.pdf", created_by=lan)
    Job.objects.create(kind="documents.pdf", created_by=lan, state=JobState.DONE)
    queue = client.get("/healthz").json()["checks"]["queue"]
    assert queue["waiting"] == 2
    assert 295 <= queue["oldest_seconds"] < 400


@pytest.mark.django_db
def test_no_personal_data_in_the_answer(client):
    lan = UserFactory(username="lan.nguyen", first_name="Lan", email="lan@example.gov.vn")
    Job.objects.create(kind="documents.pdf", created_by=lan, params={"name": "Nguyễn Thị Lan"})
    text = client.get("/healthz").content.decode()
    for personal in ("lan.nguyen", "Lan", "lan@example", "Nguyễn"):
        assert personal not in text


@pytest.mark.django_db
def test_unreachable_redis_makes_the_node_unhealthy(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["redis"] == {"ok": False, "error": "ConnectionError", "ms": body["checks"]["redis"]["ms"]}


@pytest.mark.django_db
def test_reachable_redis_is_checked(client, settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"]["ok"] is True


@pytest.mark.django_db
def test_the_load_balancer_probe_over_plain_http_is_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/dang-nhap/").status_code == 301


@pytest.mark.django_db
def test_only_get(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert json.loads(client.get("/healthz").content)["status"] == "ok"


@pytest.mark.django_db
def test_a_probe_by_the_nodes_own_address_is_answered(client, settings):
    settings.ALLOWED_HOSTS = ["doithoai.example.gov.vn"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.21:8000").status_code == 200
    assert client.get("/dang-nhap/", HTTP_HOST="10.0.0.21:8000").status_code == 400  # other pages still check


@pytest.mark.django_db
def test_low_disk_is_reported_without_failing_the_node(client, settings):
    settings.HEALTH_MIN_FREE_MB = 10**12  # more than any disk
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["disk"]["low"] is True
