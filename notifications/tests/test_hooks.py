"""The domain verbs write their notifications in their own transaction: assignment (officers and head,
with deadline and legal basis), approval and return (the drafter), the conclusion notice (the Front)."""

import datetime

import pytest

from conference import proceedings
from conference.tests.test_proceedings import held  # noqa: F401 (fixture)
from notifications.models import Notification, NotificationChannel
from petitions import casework
from petitions.tests.helpers import agency, assigned, receive, user

pytestmark = pytest.mark.django_db


def in_app(**filters):
    return Notification.objects.filter(channel=NotificationChannel.IN_APP, **filters)


def test_assignment_tells_officer_and_head_with_deadline_and_basis(demo):
    case = assigned(due=datetime.date(2026, 12, 30))
    rows = in_app(kind="case_assigned", object_id=str(case.pk))
    assert sorted(rows.values_list("recipient__username", flat=True)) == ["canbo", "lanhdao"]
    row = rows.first()
    assert "30/12/2026" in row.subject and "Căn cứ: " in row.body
    assert row.legally_required and row.link == f"/y-kien/vu-viec/{case.pk}/"
    assert "Trần Văn Bình" not in row.subject + row.body, "no petitioner's name in a notification"


def test_refused_assignment_writes_no_notification(demo):
    petition = receive()
    with pytest.raises(casework.CaseError):
        casework.assign(petition.case, user("vanphong"), agency(), datetime.date(2026, 12, 30))  # not classified
    assert not Notification.objects.exists()


def test_email_copy_when_the_user_has_an_address(demo):
    canbo = user("canbo")
    canbo.email = "canbo@example.invalid"
    canbo.save()
    case = assigned()
    assert Notification.objects.filter(recipient=canbo, object_id=str(case.pk), channel=NotificationChannel.EMAIL).count() == 1


def test_return_and_approval_tell_the_drafter(demo):
    case = assigned()
    casework.draft_answer(case, user("canbo"), "answered", "Phường sẽ nạo vét trong tháng 12.")
    casework.return_answer(case, user("lanhdao"), "Ghi rõ thời gian hoàn thành")
    returned = in_app(kind="case_returned", recipient__username="canbo").get()
    assert "Ghi rõ thời gian hoàn thành" in returned.body
    casework.draft_answer(case, user("canbo"), "answered", "Phường nạo vét xong trước 20/12/2026.")
    casework.approve(case, user("lanhdao"), datetime.date(2026, 11, 20))
    assert in_app(kind="case_approved", recipient__username="canbo").count() == 1
    assert not in_app(kind__in=["case_returned", "case_approved"], recipient__username="lanhdao").exists()


def test_notice_issue_tells_the_front(held):  # noqa: F811
    dialogue, _opinions = held
    notice = proceedings.issue_notice(dialogue, user("vanphong"), datetime.date(2027, 3, 19))
    row = in_app(kind="notice_issued").get()
    assert row.recipient.username == "mattran" and row.object_id == str(notice.pk)
    citation = dialogue.profile.deadline("conclude").citation  # the unit's own rule (000 Bước 4 in Hồng An)
    assert f"Căn cứ: {citation}" in row.body and "19/03/2027" in row.body


def test_notify_is_idempotent_by_key_and_skips_inactive_users(demo):
    from .helpers import overdue

    canbo = user("canbo")
    assert len(overdue(canbo, dedupe_key="k1")) == 1
    assert overdue(canbo, dedupe_key="k1") == []
    canbo.is_active = False
    canbo.save()
    assert overdue(canbo) == []
