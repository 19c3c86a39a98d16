"""The conference day: queue (order, reorder, timer, refusal), minutes under concurrent edits, outcomes,
and the conclusion notice's counts, deadlines (10 vs 15 working days, 003 Điều 10.1) and recipients."""

import datetime

import pytest
from django.utils import timezone

from common.tests.clock import today_is
from conference import proceedings
from conference.models import OutcomeKind, SpeakerStatus
from dialogues import lifecycle
from dialogues.tests.factories import make_dialogue
from petitions.enums import CaseStatus, Channel
from petitions.tests.helpers import agency, person, user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def held(demo, monkeypatch):
    """A Hồng An dialogue held on 10/03/2027 with three opinions collected beforehand; today is 31/03/2027."""
    from petitions import casework

    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 3, 31))
    staff = user("vanphong")
    opinions = []
    for text in ("Đường ngõ 12 Lê Lợi xuống cấp", "Trường mầm non thiếu chỗ", "Trộm cắp xe máy ở tổ 6"):
        opinions.append(
            casework.receive(staff, dialogue.unit, casework.Opinion(text), Channel.FRONT, person(), D(2026, 11, 2), dialogue)
        )
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, D(2027, 3, 10))
    dialogue.refresh_from_db()
    return dialogue, opinions


def test_programme_follows_the_profile_order_of_business(held):
    dialogue, _ = held
    items = proceedings.build_programme(dialogue)
    rules = list(dialogue.profile.agenda.all())
    assert [item.title for item in items] == [rule.title for rule in rules]
    if items:
        assert items[0].start_time == dialogue.start_time
        assert all(a.end_time == b.start_time for a, b in zip(items, items[1:], strict=False))
    assert proceedings.build_programme(dialogue) == items, "built once, then edited"


def test_queue_order_call_next_reorder_and_timer(held):
    dialogue, opinions = held
    names = ["Ông A", "Bà B", "Ông C", "Bà D", "Ông E"]
    speakers = [proceedings.register_speaker(dialogue, name, "Giao thông", "Tổ 1", limit_seconds=180) for name in names]
    speakers[0].petitions.add(opinions[0])
    assert [s.name for s in proceedings.queue(dialogue)] == names
    proceedings.move(speakers[3], -1)  # Bà D before Ông C
    assert [s.name for s in proceedings.queue(dialogue)] == ["Ông A", "Bà B", "Bà D", "Ông C", "Ông E"]
    proceedings.move(speakers[0], -1)  # already first: no change
    first = proceedings.call_next(dialogue)
    assert first.name == "Ông A" and first.status == SpeakerStatus.SPEAKING
    assert 170 <= first.remaining_seconds() <= 180
    second = proceedings.call_next(dialogue)
    first.refresh_from_db()
    assert first.status == SpeakerStatus.SPOKEN and second.name == "Bà B"
    with pytest.raises(proceedings.ConferenceError):
        proceedings.move(first, 1)
    with pytest.raises(proceedings.ConferenceError):
        proceedings.register_speaker(dialogue, "Ông F", "x", limit_seconds=5)


def test_refusal_needs_a_ground_and_a_reason(held):
    """003 Điều 4.3: no civil capacity, under the influence, or breaking the rules — recorded with the reason."""
    dialogue, _ = held
    speaker = proceedings.register_speaker(dialogue, "Ông G", "Đất đai")
    with pytest.raises(proceedings.ConferenceError):
        proceedings.refuse(speaker, "dislike", "x")
    with pytest.raises(proceedings.ConferenceError):
        proceedings.refuse(speaker, "influence", " ")
    proceedings.refuse(speaker, "influence", "Có biểu hiện say rượu, gây mất trật tự")
    speaker.refresh_from_db()
    assert speaker.status == SpeakerStatus.REFUSED and speaker.refusal_ground == "influence"
    assert proceedings.queue(dialogue).count() == 0


def test_two_editors_cannot_silently_overwrite_the_minutes(held):
    dialogue, _ = held
    minutes = proceedings.minutes_for(dialogue)
    secretary, staff = user("thuky"), user("vanphong")
    proceedings.save_minutes(dialogue, secretary, minutes.version, proceedings="Ông A phát biểu về ngõ 12")
    with pytest.raises(proceedings.MinutesConflict) as conflict:
        proceedings.save_minutes(dialogue, staff, minutes.version, proceedings="Bản cũ của người thứ hai")
    assert "Đặng Văn Nam" in str(conflict.value) or "thuky" in str(conflict.value)
    minutes.refresh_from_db()
    assert minutes.proceedings == "Ông A phát biểu về ngõ 12" and minutes.version == 1
    proceedings.save_minutes(dialogue, staff, 1, proceedings=minutes.proceedings + "\nBà B phát biểu")
    assert minutes.history.count() >= 2


def test_each_outcome_and_new_opinions_in_the_hall(held):
    dialogue, opinions = held
    staff = user("vanphong")
    proceedings.record_outcome(dialogue, staff, opinions[0].case, OutcomeKind.SETTLED)
    proceedings.record_outcome(dialogue, staff, opinions[1].case, OutcomeKind.WRITTEN, agency("ha-pvhxh"))
    proceedings.record_outcome(dialogue, staff, opinions[2].case, OutcomeKind.ESCALATE)
    new = proceedings.opinion_at_conference(dialogue, staff, "Đề nghị kiểm tra việc san lấp ao tổ 9")
    assert new.channel == "at_conference"
    proceedings.record_outcome(dialogue, staff, new.case, OutcomeKind.VERIFY)
    assert proceedings.notice_counts(dialogue) == (1, 3)
    written = opinions[1].case
    written.refresh_from_db()
    assert written.agency.code == "ha-pvhxh" and written.status == CaseStatus.ASSIGNED
    escalated = opinions[2].case
    escalated.refresh_from_db()
    assert escalated.jurisdiction == "upper"
    with pytest.raises(proceedings.ConferenceError):
        proceedings.record_outcome(dialogue, staff, opinions[0].case, OutcomeKind.WRITTEN)


def test_notice_within_10_days_sets_answer_deadlines_and_recipients(held):
    """003 Điều 10.1 recipients; 000 Bước 5: answers 15 working days from the issue date."""
    dialogue, opinions = held
    staff = user("vanphong")
    proceedings.record_outcome(dialogue, staff, opinions[0].case, OutcomeKind.SETTLED)
    proceedings.record_outcome(dialogue, staff, opinions[1].case, OutcomeKind.WRITTEN, agency("ha-pvhxh"))
    notice = proceedings.issue_notice(dialogue, staff, D(2027, 3, 19))
    assert (notice.settled, notice.unsettled) == (1, 2), "the matter without an outcome is not settled (issue 11)"
    case = opinions[1].case
    case.refresh_from_db()
    assert case.due == D(2027, 4, 9)  # 15 working days after 19/03/2027
    roles = {r.role for r in notice.recipients.all()}
    assert {"Cơ quan có thẩm quyền giải quyết", "Người kiến nghị", "Ủy ban Mặt trận Tổ quốc"} <= roles
    assert any(r.organization and r.organization.code == "ha-bxdd" for r in notice.recipients.all())
    named = {r.petition_id for r in notice.recipients.filter(petition__isnull=False)}
    assert named == {p.pk for p in dialogue.petitions.all()}, "every petitioner is named among the recipients"
    # Issue 11 finding 5: being named in the notice is not receiving the agency's written answer.
    assert not dialogue.petitions.filter(told_on__isnull=False).exists()
    with pytest.raises(proceedings.ConferenceError):
        proceedings.issue_notice(dialogue, staff, D(2027, 3, 20))


def test_notice_after_10_days_needs_a_reason_and_shows_late(held):
    dialogue, _ = held
    staff = user("vanphong")
    with pytest.raises(proceedings.ConferenceError):
        proceedings.issue_notice(dialogue, staff, D(2027, 3, 30))
    proceedings.issue_notice(dialogue, staff, D(2027, 3, 30), "Vượt thẩm quyền, nhiều cơ quan phối hợp")
    step = dialogue.steps.get(code="conclude")
    assert step.due == D(2027, 3, 24) and step.due_extended == D(2027, 3, 31)
    assert step.state(timezone.localdate()) == "late"


def test_ad_hoc_dialogue_uses_the_same_notice(demo, monkeypatch):
    staff = user("vanphong")
    soon = timezone.localdate() + datetime.timedelta(days=1)
    dialogue = make_dialogue(kind="ad_hoc", date=soon)
    today_is(monkeypatch, soon)
    lifecycle.hold(dialogue, staff, soon)
    dialogue.refresh_from_db()
    notice = proceedings.issue_notice(dialogue, staff, soon)
    assert notice.settled == 0 and notice.unsettled == 0


def test_the_notice_cannot_be_dated_after_today(held):
    """Issue 11 finding 3: on 31/03/2027 a notice dated 01/04/2027 is refused and nothing is written."""
    dialogue, _ = held
    with pytest.raises(proceedings.ConferenceError, match="không được sau ngày hôm nay"):
        proceedings.issue_notice(dialogue, user("vanphong"), D(2027, 4, 1), "Vượt thẩm quyền")
    dialogue.refresh_from_db()
    assert dialogue.status == "held" and not hasattr(dialogue, "conclusion_notice")


def test_building_the_programme_twice_saves_it_once(held):
    """Issue 11 finding 8: the programme is saved once, whatever the clicks (and unique per place)."""
    dialogue, _ = held
    first = proceedings.build_programme(dialogue)
    again = proceedings.build_programme(dialogue)
    assert [item.pk for item in again] == [item.pk for item in first]
    assert dialogue.programme.count() == len(first) > 0
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        dialogue.programme.create(order=1, title="Trùng", start_time=first[0].start_time, end_time=first[0].end_time)


def test_invitations_from_the_plan_exist_once(held):
    dialogue, _ = held
    group = dialogue.participant_groups.create(kind="unit", expected_count=1)
    group.organizations.add(agency("ha-pkt"))
    assert proceedings.invite_from_plan(dialogue) == 1
    assert proceedings.invite_from_plan(dialogue) == 0
    from django.db import IntegrityError, transaction

    from conference.models import Invitee

    with pytest.raises(IntegrityError), transaction.atomic():
        Invitee.objects.create(dialogue=dialogue, group=group, organization=agency("ha-pkt"), name="Trùng")
    assert dialogue.invitees.count() == 1
