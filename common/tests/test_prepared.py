"""common.prepared: a read whose SQL is built once gives what its queryset gives, and reads the database each time."""

import datetime
import itertools
import threading

import django
import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.prepared import MARKER, PreparedRead

pytestmark = pytest.mark.django_db


def permissions_of(content_type_id):
    return Permission.objects.select_related("content_type").filter(content_type_id=content_type_id).order_by("codename")


def entries_of(user_id):
    """Admin log rows: a time-zone-aware date, a boolean and a nullable related row (the converters' work)."""
    return LogEntry.objects.select_related("user", "content_type").filter(user_id=user_id).order_by("pk")


def values(obj) -> tuple:
    """Every column of the object and of each related object select_related loaded (None when the row is NULL)."""
    own = tuple(getattr(obj, field.attname) for field in obj._meta.concrete_fields)
    related = tuple(values(cached) if cached is not None else None for _name, cached in sorted(obj._state.fields_cache.items()))
    return own, related


def test_it_mirrors_the_django_version_it_was_written_for():
    """PreparedRead copies ModelIterable of Django 5.2 (common/prepared.py): read it again before upgrading Django."""
    assert django.VERSION[:2] == (5, 2)


def test_each_call_gives_the_querysets_objects_with_their_related_rows_in_one_query():
    read = PreparedRead(permissions_of)
    for kind in ContentType.objects.filter(app_label__in=["auth", "petitions", "organizations"]):
        with CaptureQueriesContext(connection) as done:
            found = read(kind.pk)
            related = [(row.content_type.app_label, row.content_type.model) for row in found]  # no query: joined
        expected = list(permissions_of(kind.pk))
        assert len(done.captured_queries) == 1
        assert [values(row) for row in found] == [values(row) for row in expected] and expected
        assert related == [(kind.app_label, kind.model)] * len(expected)
        assert all(row._state.db == "default" and not row._state.adding for row in found)


def test_dates_booleans_and_missing_related_rows_come_back_as_the_orm_gives_them():
    lan = User.objects.create_user("lan", first_name="Lan", is_staff=True)
    lan.last_login = datetime.datetime(2026, 11, 20, 8, 30, tzinfo=datetime.UTC)
    lan.save()
    kind = ContentType.objects.get_for_model(User)
    LogEntry.objects.create(user=lan, content_type=kind, object_id=str(lan.pk), object_repr="lan", action_flag=ADDITION)
    LogEntry.objects.create(user=lan, content_type=None, object_repr="không gắn đối tượng", action_flag=ADDITION)
    found = PreparedRead(entries_of)(lan.pk)
    expected = list(entries_of(lan.pk))
    assert [values(row) for row in found] == [values(row) for row in expected]
    assert found[1].content_type is None and found[0].content_type == kind
    assert found[0].user.last_login == lan.last_login and timezone.is_aware(found[0].action_time)
    assert found[0].user.is_staff is True and found[0].user.is_superuser is False


def test_the_sql_is_built_once_but_every_call_reads_the_database():
    read = PreparedRead(permissions_of)
    kind = ContentType.objects.get_for_model(Permission)
    before = [row.codename for row in read(kind.pk)]
    compiled = read._compiled["default"]
    Permission.objects.create(codename="xem_so_lieu", name="Xem số liệu", content_type=kind)
    after = [row.codename for row in read(kind.pk)]
    assert read._compiled["default"] is compiled  # not built again
    assert after == sorted([*before, "xem_so_lieu"])
    assert read(999_999) == []


@pytest.mark.django_db(transaction=True)
def test_threads_share_the_built_sql_and_each_reads_on_its_own_connection():
    """gunicorn runs two threads per process: each call runs on the calling thread's connection."""
    read = PreparedRead(permissions_of)
    kinds = list(ContentType.objects.filter(app_label__in=["auth", "contenttypes"]).values_list("pk", flat=True))
    expected = {kind: [row.pk for row in permissions_of(kind)] for kind in kinds}
    read(kinds[0])  # built here, on this thread's connection
    results, errors = [], []

    def work(kind):
        try:
            for _ in range(5):
                results.append((kind, [row.pk for row in read(kind)]))
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(kind,)) for kind in kinds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 5 * len(kinds) and all(found == expected[kind] for kind, found in results)


def test_a_value_that_changes_from_one_build_to_the_next_is_refused_not_frozen():
    """As timezone.now() would: the first request's value would stay for the life of the process."""
    ticks = itertools.count(10**6)
    with pytest.raises(ValueError, match="changes"):
        PreparedRead(lambda value: Permission.objects.filter(content_type_id=value, id__lt=next(ticks)))(1)


@pytest.mark.parametrize(
    "build",
    [
        lambda value: Permission.objects.filter(content_type_id=1),  # the marker is not used
        lambda value: Permission.objects.filter(content_type_id=value, id__gt=value),  # used twice
        lambda value: Permission.objects.filter(content_type_id=value).annotate(n=Count("group")),
        lambda value: Permission.objects.filter(content_type_id=value).prefetch_related("group_set"),
        lambda value: Permission.objects.filter(content_type_id=value).values("codename"),
        lambda value: Permission.objects.filter(content_type_id=value).using("default"),
        lambda value: Permission.objects.filter(content_type_id=value).select_for_update(),
        lambda value: Permission.objects.filter(content_type_id=value).none(),
    ],
    ids=["no marker", "marker twice", "annotate", "prefetch", "values", "using", "for update", "none"],
)
def test_a_queryset_it_cannot_run_faithfully_is_refused_when_first_used(build):
    with pytest.raises(ValueError):
        PreparedRead(build)(1)


def test_the_marker_is_a_value_no_key_has():
    assert -(2**31) < MARKER < 0
