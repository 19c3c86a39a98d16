"""Answer reminders with time frozen: an assignment made on Thursday 23/04/2026 under Hải Phòng's rules
(003 Điều 10.2: 7 working days) is reminded 3 and 1 working days before its deadline, across 30/4-1/5."""

import datetime

import pytest
from django.core.management import call_command

from common.tests.clock import today_is
from notifications.models import Notification, NotificationChannel
from petitions import casework
from petitions.tests.helpers import agency, field, receive, user
from regulations.models import RegulationProfile

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def assigned_on_23_april(demo, monkeypatch):
    rule = RegulationProfile.objects.get(code="hai-phong-1155-2023").deadline("answer")
    due = rule.compute(D(2026, 4, 23)).date
    petition = receive("Đề nghị nạo vét mương thoát nước tổ 5")
    casework.classify(petition.case, user("vanphong"), field("kinh_te"), "within")
    today_is(monkeypatch, D(2026, 4, 23))
    case = casework.assign(petition.case, user("vanphong"), agency(), due, rule=f"{rule.describe()} ({rule.citation})")
    return case


def reminders_by_day(case, monkeypatch, first: datetime.date, last: datetime.date) -> dict:
    """Run the daily command on each day from first to last; what each day wrote for this matter."""
    found, day = {}, first
    while day <= last:
        today_is(monkeypatch, day)
        before = set(Notification.objects.values_list("pk", flat=True))
        call_command("remind_deadlines")
        call_command("remind_deadlines")  # twice the same day: nothing more
        new = Notification.objects.exclude(pk__in=before).filter(object_id=str(case.pk), channel=NotificationChannel.IN_APP)
        if new:
            found[day] = sorted({(n.kind, n.recipient.username) for n in new})
        day += datetime.timedelta(days=1)
    return found


def test_deadline_counts_seven_working_days_over_the_holidays(assigned_on_23_april):
    # 24, 28, 29/4 and 4, 5, 6, 7/5: 27/4 (Giỗ Tổ, moved from Sunday), 30/4 and 1/5 are holidays.
    assert assigned_on_23_april.due == D(2026, 5, 7)


def test_reminders_fall_on_the_right_working_days(assigned_on_23_april, monkeypatch):
    found = reminders_by_day(assigned_on_23_april, monkeypatch, D(2026, 4, 24), D(2026, 5, 12))
    agency_people = ["canbo", "lanhdao"]
    assert found == {
        D(2026, 5, 4): [("answer_due", name) for name in agency_people],  # 3 working days left: 5, 6, 7/5
        D(2026, 5, 6): [("answer_due", name) for name in agency_people],  # 1 working day left
        D(2026, 5, 8): [("answer_overdue", name) for name in agency_people],
    }
    three = Notification.objects.get(kind="answer_due", recipient__username="canbo", dedupe_key__startswith="answer_due:3:")
    assert "còn 3 ngày làm việc" in three.subject and "07/05/2026" in three.subject
    assert "003 Điều 10.2" in three.body, "the reminder cites the deadline's legal basis"


def test_reminder_days_follow_the_setting(assigned_on_23_april, monkeypatch, settings):
    settings.NOTIFY_REMINDER_DAYS = (2,)
    found = reminders_by_day(assigned_on_23_april, monkeypatch, D(2026, 4, 24), D(2026, 5, 7))
    assert list(found) == [D(2026, 5, 5)]  # 6/5 and 7/5 remain after 5/5


def test_closed_matter_is_not_reminded(assigned_on_23_april, monkeypatch):
    from petitions.enums import CaseStatus

    assigned_on_23_april.status = CaseStatus.CLOSED
    assigned_on_23_april.save(update_fields=["status"])
    assert reminders_by_day(assigned_on_23_april, monkeypatch, D(2026, 4, 24), D(2026, 5, 8)) == {}


def test_a_deadline_right_after_the_holidays_is_reminded_before_them(assigned_on_23_april, monkeypatch):
    """Due Monday 4/5: the last reminder goes on Wednesday 29/4, none on the closed days 30/4-3/5."""
    case = assigned_on_23_april
    case.due = D(2026, 5, 4)
    case.save(update_fields=["due"])
    found = reminders_by_day(case, monkeypatch, D(2026, 4, 24), D(2026, 5, 5))
    assert {day: {kind for kind, _name in rows} for day, rows in found.items()} == {
        D(2026, 4, 24): {"answer_due"},  # 28, 29/4 and 4/5 left
        D(2026, 4, 29): {"answer_due"},
        D(2026, 5, 5): {"answer_overdue"},
    }


def test_each_daily_source_lives_in_the_app_whose_rule_it_is_and_is_found(db):
    """The registry knows no domain: the digests, briefing, notice and reporting reminders register from their own
    apps, and the daily run finds them all (a source left behind or not imported would be silently skipped)."""
    from notifications.reminders import SOURCES, run_all

    run_all(D(2026, 11, 28))  # a Saturday
    homes = {name: SOURCES[name].__module__ for name in SOURCES}
    assert {
        "dialogues.notice_awaiting": "dialogues.reminders",
        "petitions.office_digest": "petitions.digests",
        "petitions.host_briefing": "petitions.digests",
        "petitions.answers": "petitions.reminders",
        "supervision.digest": "supervision.reminders",
        "reports.duties": "reports.reminders",
        "notifications.consent_retention": "notifications.consent",
    }.items() <= homes.items()
    left_behind = [name for name, module in homes.items() if module.startswith("notifications.")]
    assert left_behind == ["notifications.consent_retention"], "only the consent retention reads no domain model"
