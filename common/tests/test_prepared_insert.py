"""A model's rows written by its prepared INSERT are the rows Django writes (common.prepared, issue 16)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.db.models.functions import Now
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.prepared import PreparedInsert, PreparedInsertMixin
from petitions.enums import Channel, PetitionerKind
from petitions.models import Case, CaseEvent, Petition, Petitioner
from petitions.tests.factories import hong_an_ward

WHEN = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30, 15, 123456))


def _both_ways(model: type[Model], **values) -> tuple[dict, dict]:
    """The same row created twice: by the prepared INSERT, then by Django's own (the mixin stepped over)."""
    with mock.patch.object(PreparedInsert, "run", autospec=True, side_effect=PreparedInsert.run) as prepared:
        fast = model.objects.create(**values)
    assert prepared.call_count >= 1
    with mock.patch.object(PreparedInsertMixin, "_do_insert", Model._do_insert):
        own = model.objects.create(**values)
    rows = {row.pop("id"): row for row in model.objects.filter(pk__in=[fast.pk, own.pk]).values()}
    assert own.pk == fast.pk + 1  # both keys came back from their INSERT and were set on the instance
    return rows[fast.pk], rows[own.pk]


@pytest.mark.django_db
def test_issue16_intakes_models_write_the_same_row_as_django():
    ward = hong_an_ward()
    person = {"kind": PetitionerKind.PERSON, "full_name": "Trần Văn Bình", "phone": "0912345678", "address": "Ngõ 12"}
    fast, own = _both_ways(Petitioner, **person)
    assert fast == own and fast["full_name"] == "Trần Văn Bình"
    petitioner = Petitioner.objects.first()
    fast, own = _both_ways(Case, unit=ward.unit, summary="Đề nghị lắp đèn đường", due=datetime.date(2026, 4, 1), created_at=WHEN)
    assert fast == own and fast["search_text"] == "de nghi lap den duong"  # Case.save() ran
    case = Case.objects.first()
    opinion = {
        "unit": ward.unit,
        "case": case,
        "content": "Đề nghị lắp đèn đường",
        "channel": Channel.LETTER,
        "received_on": datetime.date(2026, 3, 2),
        "petitioner": petitioner,
        "created_by": ward.staff,
        "created_at": WHEN,
    }
    fast, own = _both_ways(Petition, **opinion)  # each gets its own tracking code (the model default)
    fast.pop("tracking_code"), own.pop("tracking_code"), fast.pop("search_text"), own.pop("search_text")
    assert fast == own
    fast, own = _both_ways(CaseEvent, case=case, action="received", by=ward.staff, detail={"kênh": "thư", "số": [1, 2]}, at=WHEN)
    assert fast == own and fast["detail"] == {"kênh": "thư", "số": [1, 2]}
    assert Case.history.count() == 2 and Petition.history.count() == 2  # post_save (history) ran for each


@pytest.mark.django_db
def test_issue16_an_expression_as_a_value_takes_djangos_own_insert():
    ward = hong_an_ward()
    with mock.patch.object(PreparedInsert, "run", autospec=True, side_effect=PreparedInsert.run) as prepared:
        case = Case.objects.create(unit=ward.unit, summary="Đề nghị nạo vét kênh", created_at=Now())
    assert not any(call.args[0].model is Case for call in prepared.call_args_list)
    case.refresh_from_db()
    assert abs(case.created_at - timezone.now()) < datetime.timedelta(minutes=5)


@pytest.mark.django_db
def test_issue16_a_prepared_insert_is_one_statement_in_the_open_transaction():
    ward = hong_an_ward()
    with CaptureQueriesContext(connection) as queries:
        case = Case.objects.create(unit=ward.unit, summary="Đề nghị sửa cống")
    inserts = [query["sql"] for query in queries if query["sql"].startswith('INSERT INTO "petitions_case"')]
    assert len(inserts) == 1 and case.pk is not None
    assert Case.objects.filter(pk=case.pk, summary="Đề nghị sửa cống").exists()


def _prepared_on_server() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_issue16_on_postgresql_the_statements_are_prepared_on_the_server_and_survive_a_failed_insert():
    """Parsed and planned once per connection (common.prepared.statement_cursor); a refused INSERT inside a
    transaction does not spoil the next one."""
    if connection.vendor != "postgresql":
        pytest.skip("statements are prepared on PostgreSQL only")
    ward = hong_an_ward()
    first = Petition.objects.create(
        unit=ward.unit,
        case=Case.objects.create(unit=ward.unit, summary="Đề nghị sửa cống"),
        content="Đề nghị sửa cống",
        channel=Channel.LETTER,
    )
    assert any(text.startswith('INSERT INTO "petitions_petition"') for text in _prepared_on_server())
    with pytest.raises(IntegrityError), transaction.atomic():
        Petition.objects.create(
            unit=ward.unit, case=first.case, content="Trùng mã", channel=Channel.LETTER, tracking_code=first.tracking_code
        )
    again = Petition.objects.create(unit=ward.unit, case=first.case, content="Lần sau", channel=Channel.LETTER)
    assert Petition.objects.filter(case=first.case).count() == 2 and again.pk > first.pk


@pytest.mark.django_db
def test_issue16_without_prepared_statements_the_same_sql_runs_as_django_runs_it():
    """DB_PREPARED_STATEMENTS=0 (a pooler that cannot keep them): nothing is prepared, every write still works."""
    if connection.vendor != "postgresql":
        pytest.skip("statements are prepared on PostgreSQL only")
    connection.ensure_connection()
    connection.connection.prepare_threshold = None
    before = set(_prepared_on_server())
    try:
        ward = hong_an_ward()
        case = Case.objects.create(unit=ward.unit, summary="Đề nghị sửa cống")
        assert set(_prepared_on_server()) == before and Case.history.get().id == case.pk
    finally:
        connection.connection.prepare_threshold = 5
