"""The daily sources with time frozen on each day in turn: the advising office's daily digest (003 Điều 13.2),
the Front's weekly digest of late answers (003 Điều 14.3), the host's briefing before the conference
(003 Điều 8-9), the conclusion notice awaiting issue (003 Điều 10.1), reporting duties (003 Điều 15.1).

Each source lives in the app whose rule it is (petitions/digests.py, supervision/reminders.py,
dialogues/reminders.py, reports/reminders.py); they are tested here together because they share one world."""

import datetime

import pytest
from django.contrib.auth.models import User

from common.tests.clock import today_is
from dialogues.enums import Status, StepCode
from dialogues.reminders import notice_awaiting
from notifications.models import Notification, NotificationChannel
from organizations.enums import Role
from organizations.models import Membership, Organization, OrganizationKind
from petitions.digests import host_briefing, office_digest
from reports.reminders import report_duties
from supervision.reminders import supervision_digest

from .world import add_host, assigned, dialogue, host_login, step

pytestmark = pytest.mark.django_db
D = datetime.date


def days_written(source, monkeypatch, first: datetime.date, last: datetime.date, kind: str, username: str) -> list:
    """Run `source` twice on each day from first to last (time frozen on that day): the days it wrote `kind` for the user."""
    found, day = [], first
    while day <= last:
        today_is(monkeypatch, day)
        before = in_app(kind, username).count()
        source(day)
        after = Notification.objects.count()
        source(day)
        assert Notification.objects.count() == after, f"a second run on {day} wrote again"
        if in_app(kind, username).count() > before:
            found.append(day)
        day += datetime.timedelta(days=1)
    return found


def in_app(kind: str, username: str):
    return Notification.objects.filter(kind=kind, recipient__username=username, channel=NotificationChannel.IN_APP)


def test_office_digest_daily_lists_overdue_and_due_soon_steps_and_answers_003_dieu_13_2(ward, monkeypatch):
    planned = dialogue(ward, D(2026, 12, 15))
    step(planned, StepCode.ANNOUNCE, D(2026, 11, 25), citation="003 Điều 8.1")  # overdue on 26/11
    assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 11, 30), found=planned)  # due in 2 working days
    assigned(ward, "Đề nghị sửa cổng trường tiểu học", D(2027, 1, 29), found=planned)  # far: not listed
    today_is(monkeypatch, D(2026, 11, 26))
    assert office_digest(D(2026, 11, 26)) >= 1
    [row] = in_app("office_digest", "vanphong")
    assert "1 việc quá hạn, 1 việc sắp đến hạn" in row.subject
    assert "Đối thoại về chỉnh trang đô thị năm 2026" in row.body
    assert "(QUÁ HẠN)" in row.body and "nạo vét mương" in row.body and "cổng trường" not in row.body
    assert "003 Điều 8.1" in row.body
    assert office_digest(D(2026, 11, 26)) == 0, "once a day"
    assert not in_app("office_digest", "canbo").exists(), "the agency is not the advising office"


def test_office_digest_is_not_sent_on_a_holiday(ward, monkeypatch):
    planned = dialogue(ward, D(2026, 5, 20))
    step(planned, StepCode.ANNOUNCE, D(2026, 4, 29))
    assert office_digest(D(2026, 4, 30)) == 0 and office_digest(D(2026, 5, 2)) == 0
    assert office_digest(D(2026, 5, 4)) >= 1


def front_member(ward) -> User:
    front = Organization.objects.create(
        code="ha-mttq",
        name="Ủy ban MTTQ phường Hồng An",
        kind=OrganizationKind.objects.get(code="fatherland_front"),
        unit=ward.unit,
    )
    user = User.objects.create_user("mattran", email="mattran@example.invalid", first_name="Phạm Thị Lan")
    Membership.objects.create(user=user, organization=front, role=Role.FRONT_SUPERVISOR)
    return user


def test_front_weekly_digest_of_late_answers_on_the_first_working_day_of_each_week(ward, monkeypatch):
    """The week of 27/04/2026 starts with the Giỗ Tổ day off: its digest goes on Tuesday 28/04."""
    front_member(ward)
    today_is(monkeypatch, D(2026, 4, 10))
    assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 4, 15))
    days = days_written(supervision_digest, monkeypatch, D(2026, 4, 20), D(2026, 5, 5), "supervision_digest", "mattran")
    assert days == [D(2026, 4, 20), D(2026, 4, 28), D(2026, 5, 4)]
    row = in_app("supervision_digest", "mattran").order_by("pk").first()
    assert "1 ý kiến quá hạn" in row.subject and "nạo vét mương" in row.body and "15/04/2026" in row.body


def test_host_briefing_three_working_days_before_across_the_30_4_holidays(ward, monkeypatch):
    """Conference on Tuesday 05/05/2026: 3 working days before is Tuesday 28/04 (29/04, 04/05, 05/05)."""
    _user, person = host_login(ward)
    upcoming = dialogue(ward, D(2026, 5, 5))
    add_host(upcoming, person)
    today_is(monkeypatch, D(2026, 4, 1))
    ready = assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 4, 30), found=upcoming)
    from petitions import casework
    from petitions.enums import Outcome

    casework.draft_answer(ready.case, ward.officer, Outcome.RESOLVED, "Đã nạo vét.")
    assigned(ward, "Đề nghị sửa cổng trường tiểu học", D(2026, 4, 30), found=upcoming)
    days = days_written(host_briefing, monkeypatch, D(2026, 4, 24), D(2026, 5, 5), "host_briefing", "bithu")
    assert days == [D(2026, 4, 28)]
    [row] = in_app("host_briefing", "bithu")
    assert "05/05/2026" in row.subject
    assert "Ý kiến theo lĩnh vực (2)" in row.body
    assert "1 đã sẵn sàng, 1 chưa có" in row.body and "Chưa có trả lời: Đề nghị sửa cổng trường" in row.body
    assert not in_app("host_briefing", "vanphong").exists(), "the briefing is the host's"


def test_conclusion_notice_awaiting_issue_reminds_host_and_advising_office_003_dieu_10_1(ward, monkeypatch):
    """Held on 23/04/2026, notice due Monday 11/05/2026: reminded 3 working days before (06/05) and 1 (08/05)."""
    _user, person = host_login(ward)
    held = dialogue(ward, D(2026, 4, 23), status=Status.HELD)
    add_host(held, person)
    step(held, StepCode.CONCLUDE, D(2026, 5, 11))
    days = days_written(notice_awaiting, monkeypatch, D(2026, 4, 27), D(2026, 5, 11), "notice_awaiting", "bithu")
    assert days == [D(2026, 5, 6), D(2026, 5, 8)]
    assert in_app("notice_awaiting", "vanphong").count() == 2
    row = in_app("notice_awaiting", "bithu").order_by("pk").first()
    assert "11/05/2026" in row.subject and "003 Điều 10.1" in row.body and row.legally_required


def test_reporting_duty_reminders_5_and_1_working_days_before_003_dieu_15_1(ward, monkeypatch):
    """Hải Phòng's annual report «trước ngày 15/12» is due 14/12/2026 (Monday): reminded 07/12 and 11/12."""
    from regulations.loading import load_shipped_profile
    from regulations.models import ProfileBinding, RegulationProfile
    from reports.duties import unit_duties

    load_shipped_profile("hai-phong-1155-2023")
    city = ward.unit.parent
    ProfileBinding.objects.create(
        unit=city, profile=RegulationProfile.objects.get(code="hai-phong-1155-2023"), valid_from=D(2024, 1, 1)
    )
    office = Organization.objects.create(
        code="hp-vpub", name="Văn phòng UBND thành phố", kind=OrganizationKind.objects.get(code="party_office"), unit=city
    )
    user = User.objects.create_user("vpthanhpho", email="vp@example.invalid", first_name="Vũ Minh Đức")
    Membership.objects.create(user=user, organization=office, role=Role.ADVISING_STAFF)
    assert D(2026, 12, 14) in {duty.due for duty in unit_duties(city, 2026, D(2026, 12, 1))}
    days = days_written(report_duties, monkeypatch, D(2026, 12, 1), D(2026, 12, 14), "report_due", "vpthanhpho")
    assert D(2026, 12, 7) in days and D(2026, 12, 11) in days
    row = in_app("report_due", "vpthanhpho").filter(subject__contains="14/12/2026").first()
    assert row is not None and "003 Điều 15.1" in row.body and row.legally_required


def test_office_digest_costs_the_same_queries_for_one_item_or_many(ward, monkeypatch):
    """Reads are per day and per office, never per step or matter (one digest row per recipient and channel)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    planned = dialogue(ward, D(2026, 12, 15))
    today_is(monkeypatch, D(2026, 11, 20))
    assigned(ward, "Đề nghị nạo vét mương thoát nước tổ 5", D(2026, 11, 27), found=planned)
    with CaptureQueriesContext(connection) as one:
        assert office_digest(D(2026, 11, 25)) == 1
    for n in range(5):
        assigned(ward, f"Đề nghị sửa đường ngõ {n}", D(2026, 11, 30), found=planned)
        step(dialogue(ward, D(2026, 12, 16 + n), title=f"Đối thoại {n}"), StepCode.ANNOUNCE, D(2026, 11, 27))
    with CaptureQueriesContext(connection) as many:
        assert office_digest(D(2026, 11, 26)) == 1
    assert len(many) == len(one) <= 12
