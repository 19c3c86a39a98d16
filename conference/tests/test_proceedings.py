"""The conference day: queue (order, reorder, timer, refusal), minutes under concurrent edits, outcomes,
and the conclusion notice's counts, deadlines (10 vs 15 working days, 003 Điều 10.1) and recipients."""

import datetime

import pytest
from django.utils import timezone

from conference import proceedings
from conference.models import OutcomeKind, SpeakerStatus
from dialogues import lifecycle
from dialogues.tests.factories import make_dialogue
from petitions.enums import CaseStatus, Channel
from petitions.tests.helpers import agency, person, user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def held(demo):
    """A Hồng An dialogue held on 10/03/2027 with three opinions collected beforehand."""
    from petitions import casework

    dialogue = make_dialogue()
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


def test_notice_within_10_days_sets_answer_deadlines_recipients_and_tells_petitioners(held):
    """003 Điều 10.1 recipients; 000 Bước 5: answers 15 working days from the issue date."""
    dialogue, opinions = held
    staff = user("vanphong")
    proceedings.record_outcome(dialogue, staff, opinions[0].case, OutcomeKind.SETTLED)
    proceedings.record_outcome(dialogue, staff, opinions[1].case, OutcomeKind.WRITTEN, agency("ha-pvhxh"))
    notice = proceedings.issue_notice(dialogue, staff, D(2027, 3, 19))
    assert (notice.settled, notice.unsettled) == (1, 1)
    case = opinions[1].case
    case.refresh_from_db()
    assert case.due == D(2027, 4, 9)  # 15 working days after 19/03/2027
    roles = {r.role for r in notice.recipients.all()}
    assert {"Cơ quan có thẩm quyền giải quyết", "Người kiến nghị", "Ủy ban Mặt trận Tổ quốc"} <= roles
    assert any(r.organization and r.organization.code == "ha-bxdd" for r in notice.recipients.all())
    for petition in dialogue.petitions.all():
        assert petition.told_on == D(2027, 3, 19)
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


def test_ad_hoc_dialogue_uses_the_same_notice(demo):
    staff = user("vanphong")
    soon = timezone.localdate() + datetime.timedelta(days=1)
    dialogue = make_dialogue(kind="ad_hoc", date=soon)
    lifecycle.hold(dialogue, staff, soon)
    dialogue.refresh_from_db()
    notice = proceedings.issue_notice(dialogue, staff, soon)
    assert notice.settled == 0 and notice.unsettled == 0
