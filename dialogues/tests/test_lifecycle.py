"""Planning, hosts and advising offices, guarded transitions and rescheduling (003 Điều 2, 7, 8, 10)."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from common.tests.clock import today_is
from dialogues import lifecycle
from dialogues.enums import Status, StepStatus
from dialogues.models import DialogueEvent

from .factories import FAR, head, make_dialogue

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def staff(demo):
    return User.objects.get(username="vanphong")


def steps_of(dialogue):
    return {step.code: step for step in dialogue.steps.all()}


def test_plan_creates_eight_steps_owned_by_the_advising_office(staff):
    """000: the Party Secretary's dialogue is advised by the Party office (VPĐU); the host's body owns `hold`."""
    dialogue = make_dialogue()
    assert dialogue.profile.code == "hong-an-qt-vp12"
    assert dialogue.advising_office.code == "ha-vpdu"
    steps = steps_of(dialogue)
    assert len(steps) == 8
    assert steps["announce"].owner.code == "ha-vpdu"
    assert steps["hold"].owner.code == "ha-danguy"
    assert steps["announce"].due == D(2027, 2, 26)  # 01-09/03 are the 7 working days between
    assert "000 Bước 1" in steps["announce"].citation
    assert DialogueEvent.objects.filter(dialogue=dialogue, action="create").exists()


def test_co_hosts_in_tan_ky_are_advised_by_vpdu_with_vp_hdnd_ubnd(staff, monkeypatch):
    """002 III: co-hosts (Secretary and People's Committee Chair) — VPĐU leads, with VP HĐND-UBND (a 2025 dialogue:
    Tân Kỳ's plan binds 2025 only)."""
    from common.tests.clock import today_is

    today_is(monkeypatch, D(2025, 9, 1))
    hosts = [lifecycle.HostChoice(head("31-TANKY")), lifecycle.HostChoice(head("31-TANKY", "committee_chair"))]
    dialogue = make_dialogue("31-TANKY", date=D(2025, 11, 20), hosts=hosts, user=User.objects.get(username="quantri"))
    assert dialogue.advising_office.code == "tk-vpdu"
    assert dialogue.advising_with.code == "tk-vphdnd-ubnd"
    assert dialogue.hosts.count() == 2


def test_commune_under_1155_needs_the_head_to_name_the_office(demo):
    """003 Điều 7.5: at commune level the head names the advising unit — the planner must choose it."""
    from organizations.models import Organization
    from regulations.models import ProfileBinding

    ProfileBinding.objects.filter(unit__code="31-GIAVIEN").delete()  # Gia Viên then follows the city's 1155
    admin = User.objects.get(username="quantri")
    with pytest.raises(lifecycle.TransitionError, match="cơ quan chủ trì tham mưu|advising office"):
        make_dialogue("31-GIAVIEN", user=admin, advising_office=None)
    office = Organization.objects.get(code="gv-vpdu")
    dialogue = make_dialogue("31-GIAVIEN", user=admin, advising_office=office)
    assert dialogue.advising_office == office


def test_choosing_another_office_needs_a_reason(staff):
    from organizations.models import Organization

    other = Organization.objects.get(code="ha-vphdnd-ubnd")
    with pytest.raises(lifecycle.TransitionError):
        make_dialogue(advising_office=other)
    dialogue = make_dialogue(advising_office=other, advising_override_reason="Bí thư phân công do Văn phòng Đảng ủy khuyết")
    assert dialogue.advising_office == other and dialogue.advising_override_reason


def test_delegation_needs_its_reason(staff):
    """001 II.2.1: a host may delegate to a deputy for force majeure, with the reason."""
    deputy = head("31-HONGAN", "standing_deputy_secretary")
    with pytest.raises(lifecycle.TransitionError):
        make_dialogue(hosts=[lifecycle.HostChoice(deputy, head("31-HONGAN"), "")])
    dialogue = make_dialogue(hosts=[lifecycle.HostChoice(deputy, head("31-HONGAN"), "Đi công tác nước ngoài")])
    host = dialogue.hosts.get()
    assert host.person.full_name == "Trần Thị Lan" and host.delegated_from.full_name == "Nguyễn Văn Hùng"


def test_notice_already_past_requires_a_justification(staff):
    soon = timezone.localdate() + datetime.timedelta(days=3)
    with pytest.raises(lifecycle.TransitionError, match="thông báo|notice"):
        make_dialogue(date=soon)
    dialogue = make_dialogue(date=soon, notice_justification="Cấp trên yêu cầu tổ chức sớm")
    assert dialogue.notice_justification


def test_ad_hoc_needs_no_notice_and_can_be_held_without_announcing(staff, monkeypatch):
    """003 Điều 8.3: ad hoc dialogues skip the notice; the waived step has no due date."""
    soon = timezone.localdate() + datetime.timedelta(days=2)
    dialogue = make_dialogue(date=soon, kind="ad_hoc")
    announce = steps_of(dialogue)["announce"]
    assert announce.status == StepStatus.WAIVED and announce.due is None and announce.waived_reason
    today_is(monkeypatch, soon)
    lifecycle.hold(dialogue, staff, soon)
    dialogue.refresh_from_db()
    assert dialogue.status == Status.HELD


def test_cannot_hold_before_announcing(staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, FAR)
    with pytest.raises(lifecycle.TransitionError, match="thông báo|announced"):
        lifecycle.hold(dialogue, staff, FAR)
    dialogue.refresh_from_db()
    assert dialogue.status == Status.PLANNED


def test_cannot_conclude_before_holding(staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, FAR)
    lifecycle.announce(dialogue, staff, D(2027, 2, 20))
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.conclude(dialogue, staff, FAR)


def test_full_lifecycle_and_its_events(staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 4, 30))
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, FAR)
    lifecycle.conclude(dialogue, staff, D(2027, 3, 19))
    monkeypatch.setattr(lifecycle, "ARCHIVE_CHECKS", [])  # the dossier's own checks are tested in documents
    for step in dialogue.steps.filter(status=StepStatus.PENDING).exclude(code="archive"):
        lifecycle.complete_step(step, staff, D(2027, 4, 29))
    lifecycle.archive(dialogue, staff, D(2027, 4, 30))
    dialogue.refresh_from_db()
    assert dialogue.status == Status.ARCHIVED
    actions = list(dialogue.events.values_list("action", "old_status", "new_status"))
    assert actions == [
        ("create", "planned", "planned"),
        ("announce", "planned", "announced"),
        ("hold", "announced", "held"),
        ("conclude", "held", "concluded"),
        # saving the plan is the plan step (done with the "create" event), so the rest are done by hand
        *[("step_done:" + code, "concluded", "concluded") for code in ("collect", "classify", "answer")],
        ("archive", "concluded", "archived"),
    ]
    steps = steps_of(dialogue)
    assert all(steps[code].status == StepStatus.DONE for code in ("announce", "hold", "conclude", "archive"))
    assert dialogue.history.count() >= 5
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.cancel(dialogue, staff, "muộn")


def test_conclusion_after_10_days_needs_a_reason_and_moves_the_answer_deadline(staff, monkeypatch):
    """003 Điều 10.1: 10 working days, up to 15 with a reason; 000 Bước 5: answers 15 days from the issue."""
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 3, 29))
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, FAR)
    due = steps_of(dialogue)["conclude"].due
    assert due == D(2027, 3, 24)
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.conclude(dialogue, staff, D(2027, 3, 29))
    lifecycle.conclude(dialogue, staff, D(2027, 3, 29), "Vượt thẩm quyền, phải xin ý kiến cấp trên")
    steps = steps_of(dialogue)
    assert steps["conclude"].done_late
    assert steps["answer"].due == D(2027, 4, 20)  # 15 working days after 29/03/2027, Giỗ Tổ 16/04 skipped


def test_announcing_late_shows_as_late(staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 3, 5))
    lifecycle.announce(dialogue, staff, D(2027, 3, 5))
    step = steps_of(dialogue)["announce"]
    assert step.state() == "late"


def test_reschedule_recomputes_and_keeps_history(staff):
    dialogue = make_dialogue()
    old_due = steps_of(dialogue)["conclude"].due
    with pytest.raises(lifecycle.TransitionError, match="lý do|reason"):
        lifecycle.reschedule(dialogue, staff, D(2027, 4, 14))
    lifecycle.reschedule(dialogue, staff, D(2027, 4, 14), "Trùng lịch họp của Thành ủy")
    dialogue.refresh_from_db()
    step = steps_of(dialogue)["conclude"]
    assert step.due == D(2027, 4, 29) and step.due != old_due  # Giỗ Tổ 16/04/2027 skipped
    assert step.history.filter(due=old_due).exists()
    event = dialogue.events.get(action="postpone")
    assert event.detail == {"old_date": "2027-03-10", "new_date": "2027-04-14"}


def test_moving_earlier_into_the_notice_period_needs_justification(staff):
    dialogue = make_dialogue()
    soon = timezone.localdate() + datetime.timedelta(days=4)
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.reschedule(dialogue, staff, soon)
    dialogue.refresh_from_db()
    assert dialogue.date == FAR
    lifecycle.reschedule(dialogue, staff, soon, justification="Yêu cầu khẩn của cấp trên")
    dialogue.refresh_from_db()
    assert dialogue.date == soon and dialogue.notice_justification


def test_postponing_an_announced_dialogue_reopens_the_notice(staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 2, 20))
    lifecycle.announce(dialogue, staff, D(2027, 2, 20))
    lifecycle.reschedule(dialogue, staff, D(2027, 5, 12), "Mưa bão")
    dialogue.refresh_from_db()
    assert dialogue.status == Status.PLANNED
    assert steps_of(dialogue)["announce"].status == StepStatus.PENDING


def test_cancel_needs_a_reason_and_stops_the_clock(staff):
    dialogue = make_dialogue()
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.cancel(dialogue, staff, "  ")
    lifecycle.cancel(dialogue, staff, "Vụ việc đã được giải quyết")
    dialogue.refresh_from_db()
    assert dialogue.status == Status.CANCELLED
    from dialogues.models import ScheduleStep

    assert not ScheduleStep.objects.overdue(D(2030, 1, 1)).filter(dialogue=dialogue).exists()
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.announce(dialogue, staff)


def test_steps_done_and_waived(staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 2, 1))
    steps = steps_of(dialogue)
    assert steps["plan"].status == StepStatus.DONE, "saving the plan is the plan step"
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.complete_step(steps["plan"], staff, D(2027, 2, 1))
    lifecycle.complete_step(steps["classify"], staff, D(2027, 2, 1))
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.waive_step(steps["collect"], staff, "")
    lifecycle.waive_step(steps["collect"], staff, "Không thu thập ý kiến trước theo chỉ đạo")
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.waive_step(steps["announce"], staff, "bỏ")
    steps = steps_of(dialogue)
    assert steps["classify"].status == StepStatus.DONE and steps["classify"].done_by == staff
    assert steps["collect"].status == StepStatus.WAIVED and steps["collect"].due is None
    lifecycle.reschedule(dialogue, staff, D(2027, 3, 17), "Đổi lịch")
    assert steps_of(dialogue)["collect"].status == StepStatus.WAIVED, "a waiver by hand survives rescheduling"


# Issue 11: the official record can be trusted.


def test_no_completion_date_after_today(staff, monkeypatch):
    """Finding 3: on 26/11/2026 nothing can be recorded as held, announced, concluded or done on a later day."""
    today = D(2026, 11, 26)
    today_is(monkeypatch, today)
    dialogue = make_dialogue(date=today + datetime.timedelta(days=2), kind="ad_hoc")
    with pytest.raises(lifecycle.TransitionError, match="không được sau ngày hôm nay"):
        lifecycle.hold(dialogue, staff, D(2027, 1, 15))
    collect = steps_of(dialogue)["collect"]
    with pytest.raises(lifecycle.TransitionError, match="26/11/2026"):
        lifecycle.complete_step(collect, staff, today + datetime.timedelta(days=1))
    dialogue.refresh_from_db()
    assert dialogue.status == Status.PLANNED
    assert steps_of(dialogue)["collect"].status == StepStatus.PENDING
    assert not dialogue.events.exclude(action="create").exists()


def test_conclusion_cannot_be_dated_after_today(staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 3, 12))
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, FAR)
    with pytest.raises(lifecycle.TransitionError, match="không được sau ngày hôm nay"):
        lifecycle.conclude(dialogue, staff, D(2027, 3, 15))
    dialogue.refresh_from_db()
    assert dialogue.status == Status.HELD and dialogue.conclusion_issued_on is None


def _concluded(staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 4, 30))
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, FAR)
    lifecycle.conclude(dialogue, staff, D(2027, 3, 19))
    return dialogue


def test_archive_refuses_with_the_list_of_pending_steps(staff, monkeypatch):
    """Finding 1: the steps "not done" stop the archive, and the message names them."""
    dialogue = _concluded(staff, monkeypatch)
    monkeypatch.setattr(lifecycle, "ARCHIVE_CHECKS", [])
    with pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.archive(dialogue, staff, D(2027, 4, 30))
    message = str(refused.value)
    for code in ("collect", "classify", "answer"):
        assert str(steps_of(dialogue)[code].get_code_display()) in message
    dialogue.refresh_from_db()
    assert dialogue.status == Status.CONCLUDED
    assert steps_of(dialogue)["archive"].status == StepStatus.PENDING
    assert not dialogue.events.filter(action="archive").exists()


def test_archive_asks_every_registered_check(staff, monkeypatch):
    dialogue = _concluded(staff, monkeypatch)
    for step in dialogue.steps.filter(status=StepStatus.PENDING).exclude(code="archive"):
        if step.code == "collect":
            lifecycle.waive_step(step, staff, "Không thu thập ý kiến trước theo chỉ đạo")
        else:
            lifecycle.complete_step(step, staff, D(2027, 4, 29))
    monkeypatch.setattr(lifecycle, "ARCHIVE_CHECKS", [lambda d: ["Hồ sơ thiếu: Biên bản hội nghị"]])
    with pytest.raises(lifecycle.TransitionError, match="Biên bản hội nghị"):
        lifecycle.archive(dialogue, staff, D(2027, 4, 30))
    monkeypatch.setattr(lifecycle, "ARCHIVE_CHECKS", [])
    lifecycle.archive(dialogue, staff, D(2027, 4, 30))
    dialogue.refresh_from_db()
    assert dialogue.status == Status.ARCHIVED


def test_archive_never_before_the_conference_nor_after_today(staff, monkeypatch):
    dialogue = _concluded(staff, monkeypatch)
    monkeypatch.setattr(lifecycle, "ARCHIVE_CHECKS", [])
    monkeypatch.setattr(lifecycle, "pending_steps", lambda d: [])
    with pytest.raises(lifecycle.TransitionError, match="trước ngày hội nghị"):
        lifecycle.archive(dialogue, staff, D(2027, 3, 1))
    with pytest.raises(lifecycle.TransitionError, match="không được sau ngày hôm nay"):
        lifecycle.archive(dialogue, staff, D(2027, 5, 3))
    dialogue.refresh_from_db()
    assert dialogue.status == Status.CONCLUDED


def test_overdue_is_one_rule_for_the_queryset_and_the_step(staff, monkeypatch):
    """Issue 11: a step of a cancelled or archived dialogue is never overdue, on any screen or board."""
    from dialogues.models import Dialogue, ScheduleStep

    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 6, 1))
    plan = steps_of(dialogue)["announce"]
    assert plan.is_overdue() and ScheduleStep.objects.overdue().filter(pk=plan.pk).exists()
    for status in (Status.CANCELLED, Status.ARCHIVED):
        Dialogue.objects.filter(pk=dialogue.pk).update(status=status)
        plan = ScheduleStep.objects.select_related("dialogue").get(pk=plan.pk)
        assert not plan.is_overdue(), status
        assert not ScheduleStep.objects.overdue().filter(pk=plan.pk).exists(), status
        assert not ScheduleStep.objects.pending().filter(pk=plan.pk).exists(), status


def test_participants_change_after_planning_and_not_after_the_conference(staff, monkeypatch):
    """Issue 11 finding 6: groups and co-operating agencies change through one verb, with an event."""
    from organizations.models import Organization

    pkt = Organization.objects.get(code="ha-pkt")
    dialogue = make_dialogue()
    lifecycle.set_participants(
        dialogue,
        staff,
        [lifecycle.GroupChoice("unit", 2, [pkt])],
        [lifecycle.AgencyTask(pkt, "Báo cáo về hạ tầng")],
    )
    group = dialogue.participant_groups.get()
    assert (group.kind, group.expected_count, list(group.organizations.all())) == ("unit", 2, [pkt])
    assert dialogue.cooperating_agencies.get().task == "Báo cáo về hạ tầng"
    lifecycle.set_participants(dialogue, staff, [lifecycle.GroupChoice("unit", 3, [pkt]), lifecycle.GroupChoice("press")], [])
    assert dialogue.participant_groups.get().pk == group.pk, "a kept group keeps its row (and its invitations)"
    assert not dialogue.cooperating_agencies.exists()
    assert dialogue.events.filter(action="participants").count() == 2
    today_is(monkeypatch, FAR)
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, FAR)
    with pytest.raises(lifecycle.TransitionError, match="điểm danh"):
        lifecycle.set_participants(dialogue, staff, [], [])
    assert dialogue.participant_groups.get().expected_count == 3
