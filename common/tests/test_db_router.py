"""Reports read from the replica when DATABASE_REPLICA_URL is set; writes and migrations stay on the primary."""

import pytest
from django.contrib.auth.models import User

from config.db_router import ReplicaRouter, replica_reads


class ReportRow:
    class _meta:  # noqa: N801 (shape of a model's _meta for the router)
        app_label = "reports"


@pytest.fixture
def with_replica(settings, monkeypatch):
    """DATABASE_REPLICA_URL set: the router only looks at the alias (monkeypatch removes it afterwards)."""
    monkeypatch.setitem(settings.DATABASES, "replica", {**settings.DATABASES["default"]})


def test_without_a_replica_everything_reads_the_primary():
    router = ReplicaRouter()
    assert router.db_for_read(ReportRow) == "default"
    with replica_reads() as alias:
        assert alias == "default"
        assert router.db_for_read(User) == "default"


def test_with_a_replica_reports_read_there_and_others_stay(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(ReportRow) == "replica"
    assert router.db_for_read(User) is None  # Django's default: the primary
    with replica_reads() as alias:
        assert alias == "replica"
        assert router.db_for_read(User) == "replica"
    assert router.db_for_read(User) is None


def test_writes_and_migrations_never_go_to_the_replica(with_replica):
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_write(ReportRow) == "default"
        assert router.db_for_write(User) == "default"
    assert router.allow_migrate("replica", "reports") is False
    assert router.allow_migrate("default", "reports") is True
