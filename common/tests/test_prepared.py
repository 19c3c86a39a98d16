"""common.prepared: a read whose SQL is built once gives what its queryset gives, and reads the database each time."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from common.prepared import MARKER, PreparedRead

pytestmark = pytest.mark.django_db


def permissions_of(content_type_id):
    return Permission.objects.select_related("content_type").filter(content_type_id=content_type_id).order_by("codename")


def test_each_call_gives_the_querysets_objects_with_their_related_rows_in_one_query():
    read = PreparedRead(permissions_of)
    for kind in ContentType.objects.filter(app_label__in=["auth", "petitions", "organizations"]):
        with CaptureQueriesContext(connection) as done:
            found = read(kind.pk)
            related = [(row.content_type.app_label, row.content_type.model) for row in found]  # no query: joined
        expected = list(permissions_of(kind.pk))
        assert len(done.captured_queries) == 1
        assert [(row.pk, row.codename, row.name, row.content_type_id) for row in found] == [
            (row.pk, row.codename, row.name, row.content_type_id) for row in expected
        ]
        assert related == [(kind.app_label, kind.model)] * len(expected) and expected
        assert all(row._state.db == "default" and not row._state.adding for row in found)


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


def test_a_call_leaves_the_shared_compiled_query_as_it_was():
    """Each call runs on a copy bound to the calling thread's connection: threads never share one."""
    read = PreparedRead(permissions_of)
    read(ContentType.objects.get_for_model(Permission).pk)
    compiled = read._compiled["default"]
    assert "as_sql" not in vars(compiled.compiler) and MARKER in compiled.params


@pytest.mark.parametrize(
    "build",
    [
        lambda value: Permission.objects.filter(content_type_id=1),  # the marker is not used
        lambda value: Permission.objects.filter(content_type_id=value, id__gt=value),  # used twice
        lambda value: Permission.objects.filter(content_type_id=value).annotate(n=Count("group")),
        lambda value: Permission.objects.filter(content_type_id=value).prefetch_related("group_set"),
    ],
)
def test_a_queryset_it_cannot_run_faithfully_is_refused_when_first_used(build):
    with pytest.raises(ValueError):
        PreparedRead(build)(1)
