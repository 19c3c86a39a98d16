"""A matter that needs more time (003 Điều 10.2 answer, moved to a new date with its legal reason): the
petitioner who consented is told the new date; one who did not is told nothing."""

import datetime

import pytest

from notifications.consent import record_consent
from notifications.models import Notification
from petitions import casework
from petitions.enums import Outcome

from .world import assigned

pytestmark = pytest.mark.django_db
D = datetime.date
EMAIL = "tranvanbinh@example.invalid"
REASON = "Cần đo đạc lại ranh giới thửa đất, theo Điều 10.2 Quy định 003"


def extend(ward, petition, new_due=None):
    new_due = new_due or D(2027, 1, 29)
    casework.draft_answer(petition.case, ward.officer, Outcome.MORE_TIME, "Đang đo đạc lại.", REASON, new_due)
    return casework.approve(petition.case, ward.head, D(2026, 11, 25))


def told():
    return Notification.objects.filter(recipient__isnull=True, kind="petition_more_time")


def test_more_time_tells_the_consenting_petitioner_the_new_date_003_dieu_10_2(ward):
    petition = assigned(ward, "Đề nghị cấp giấy chứng nhận thửa đất tổ 3", D(2026, 12, 30), phone="")
    record_consent(petition, email=EMAIL)
    case = extend(ward, petition)
    assert case.due == D(2027, 1, 29)
    [row] = told()
    assert row.address == EMAIL and row.legally_required
    assert petition.tracking_code in row.subject and "29/01/2027" in row.subject
    assert "30/12/2026" in row.body and "đo đạc lại ranh giới" in row.body
    assert "Trần Văn Bình" not in row.subject + row.body


def test_a_second_extension_tells_the_second_date_too(ward):
    petition = assigned(ward, "Đề nghị cấp giấy chứng nhận thửa đất tổ 3", D(2026, 12, 30), phone="")
    record_consent(petition, email=EMAIL)
    extend(ward, petition)
    extend(ward, petition, D(2027, 2, 26))
    assert sorted(row.subject[-10:] for row in told()) == ["26/02/2027", "29/01/2027"]


def test_without_consent_more_time_tells_no_one(ward):
    petition = assigned(ward, "Đề nghị cấp giấy chứng nhận thửa đất tổ 3", D(2026, 12, 30), email=EMAIL)
    extend(ward, petition)
    assert not Notification.objects.filter(recipient__isnull=True).exists()


def test_a_refused_extension_writes_no_notice(ward):
    """The new date must be after the current one: refused, nothing drafted, nobody told."""
    petition = assigned(ward, "Đề nghị cấp giấy chứng nhận thửa đất tổ 3", D(2026, 12, 30), phone="")
    record_consent(petition, email=EMAIL)
    with pytest.raises(casework.CaseError):
        casework.draft_answer(petition.case, ward.officer, Outcome.MORE_TIME, "Đang đo đạc.", REASON, D(2026, 12, 1))
    assert not told().exists()
