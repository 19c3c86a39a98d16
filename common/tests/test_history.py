"""History rows written by the prepared INSERT are the rows simple-history writes (common.history, issue 16)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.db import DataError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from simple_history import models as simple_history
from simple_history.signals import pre_create_historical_record

from common.history import TRACKED
from common.prepared import PreparedInsert
from dialogues.models import ParticipantGroup
from organizations.models import AdministrativeUnit
from petitions import casework
from petitions.enums import Channel, PetitionerKind
from petitions.models import Case, Petition, Petitioner
from petitions.tests.factories import hong_an_ward

WHEN = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30, 15, 123456))


def _clerk() -> tuple[User, AdministrativeUnit]:
    """Ngô Thị Thu (`vanphong`) of the demo, and her ward."""
    clerk = User.objects.get(username="vanphong")
    return clerk, clerk.memberships.get().organization.unit


def _rows_both_ways(instance, history_type: str, user) -> tuple[dict, dict, int]:
    """One row by our path, then one by simple-history's own, for the same instance, date and user."""
    records = TRACKED[type(instance)]
    history = getattr(type(instance), records.manager_name).model
    instance._history_date, instance._history_user = WHEN, user
    before = list(history.objects.values_list("history_id", flat=True))
    with mock.patch.object(PreparedInsert, "run", autospec=True, side_effect=PreparedInsert.run) as prepared:
        records.create_historical_record(instance, history_type)
        simple_history.HistoricalRecords.create_historical_record(records, instance, history_type)
    fast, own = history.objects.exclude(history_id__in=before).order_by("history_id").values()
    fast.pop("history_id"), own.pop("history_id")
    return fast, own, prepared.call_count


@pytest.mark.django_db
def test_issue16_every_model_with_history_gets_the_same_row_both_ways(demo):
    """Every column, for up to three rows of every model whose history takes the prepared INSERT."""
    clerk, unit = _clerk()
    petition = casework.receive(
        clerk,
        unit,
        casework.Opinion("Đề nghị lắp đèn đường ngõ 12"),
        Channel.LETTER,
        casework.PetitionerData(kind=PetitionerKind.PERSON, full_name="Trần Văn Bình", phone="0912345678"),
    )
    petition.case._change_reason = "kiểm thử lý do"
    compared = set()
    for model, records in TRACKED.items():
        if not records.writes_fast(model):
            continue
        for instance in model._base_manager.order_by("pk")[:3]:
            fast, own, calls = _rows_both_ways(instance, "~", clerk)
            assert calls == 1, model  # the first row came from the prepared INSERT, the second did not
            assert fast == own, model
            compared.add(model)
    fast, own, _calls = _rows_both_ways(petition.case, "~", clerk)
    assert fast == own and fast["history_change_reason"] == "kiểm thử lý do"
    fast, own, _calls = _rows_both_ways(Petitioner.objects.get(full_name="Trần Văn Bình"), "-", None)
    assert fast == own and fast["history_user_id"] is None and fast["history_type"] == "-"
    assert {Case, Petition, Petitioner} <= compared and len(compared) >= 10, sorted(m.__name__ for m in compared)


@pytest.mark.django_db
def test_issue16_intake_writes_its_history_rows_without_simple_historys_save():
    ward = hong_an_ward()
    clerk, unit = ward.staff, ward.unit
    slow = mock.patch.object(simple_history.HistoricalRecords, "create_historical_record")
    with slow as slow, CaptureQueriesContext(connection) as queries:
        petition = casework.receive(clerk, unit, casework.Opinion("Đề nghị nạo vét kênh"), Channel.LETTER)
    slow.assert_not_called()
    assert len(queries) <= 8  # the two history rows among the five writes, nothing read back
    row = petition.history.get()
    # Outside a request simple-history records no user (the request's user comes from its middleware).
    assert (row.history_type, row.history_user_id) == ("+", None)
    assert (row.tracking_code, row.case_id) == (petition.tracking_code, petition.case_id)
    assert petition.case.history.get().summary == "Đề nghị nạo vét kênh"


@pytest.mark.django_db
def test_issue16_the_request_user_is_recorded_on_both_rows(client):
    """Through the API, the history rows carry the clerk (simple-history's request middleware)."""
    ward = hong_an_ward()
    client.force_login(ward.staff)
    body = {"unit": ward.unit.code, "content": "Đề nghị sửa cống", "channel": Channel.LETTER}
    response = client.post("/api/v1/petitions", body, content_type="application/json")
    assert response.status_code == 201, response.content
    petition = Petition.objects.get()
    assert petition.history.get().history_user_id == ward.staff.pk
    assert petition.case.history.get().history_user_id == ward.staff.pk


@pytest.mark.django_db
def test_issue16_a_listener_of_history_signals_gets_simple_historys_own_path():
    """A receiver may change the history instance before it is saved: then the row is built as simple-history does."""
    ward = hong_an_ward()
    clerk, unit = ward.staff, ward.unit
    seen = []

    def listener(sender, history_instance, **kwargs):
        history_instance.history_change_reason = "đổi bởi bộ nhận tín hiệu"
        seen.append(sender)

    pre_create_historical_record.connect(listener, sender=Case.history.model)
    try:
        petition = casework.receive(clerk, unit, casework.Opinion("Đề nghị sửa cống"), Channel.LETTER)
    finally:
        pre_create_historical_record.disconnect(listener, sender=Case.history.model)
    assert seen == [Case.history.model]
    assert petition.case.history.get().history_change_reason == "đổi bởi bộ nhận tín hiệu"
    assert petition.history.get().history_change_reason is None  # no listener for petitions: the prepared INSERT


def test_issue16_models_with_m2m_history_keep_simple_historys_path():
    """A participant group keeps the history of its organisations and people (m2m): simple-history writes those."""
    assert not TRACKED[ParticipantGroup].writes_fast(ParticipantGroup)
    assert TRACKED[Case].writes_fast(Case)


def test_prepared_insert_refuses_a_field_that_builds_its_own_placeholder():
    field = Case._meta.get_field("summary")
    placeholder = mock.patch.object(type(field), "get_placeholder", create=True)
    with placeholder, pytest.raises(ValueError, match="placeholder"):
        PreparedInsert(Case, [field])


@pytest.mark.django_db
def test_issue16_a_refused_history_row_marks_the_transaction_for_rollback_as_simple_history_does():
    """A history INSERT the database refuses spoils the transaction: Django then refuses further queries in it (and
    runs no on-commit callback), as when simple-history's save() fails."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce the length of the change reason")
    ward = hong_an_ward()
    case = Case.objects.create(unit=ward.unit, summary="Đề nghị sửa cống")
    case._change_reason = "lý do quá dài " * 20  # 280 characters for a column of 100
    committed = []
    with pytest.raises(TransactionManagementError), transaction.atomic():
        transaction.on_commit(lambda: committed.append(True))
        with pytest.raises(DataError):
            case.save()
        Case.objects.count()
    assert committed == [] and Case.history.filter(id=case.pk).count() == 1
