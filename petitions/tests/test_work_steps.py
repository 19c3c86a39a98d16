"""The collect, classify and answer steps are done by the work itself (dialogues/progress.py), on the day it was done."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.tests.clock import today_is
from dialogues import lifecycle, progress
from dialogues.enums import StepStatus
from petitions import casework
from petitions.enums import Channel, Outcome

from .helpers import agency, field, hong_an, make_dialogue, person, user

pytestmark = pytest.mark.django_db
D = datetime.date
CONFERENCE = D(2027, 3, 10)  # the dialogues factory's FAR


def steps(dialogue) -> dict:
    return {step.code: step for step in dialogue.steps.all()}


def letter(dialogue, on: datetime.date, text: str = "Đề nghị sửa đường ngõ 12 Lê Lợi bị ngập khi mưa", channel=Channel.LETTER):
    return casework.receive(user("vanphong"), hong_an(), casework.Opinion(text), channel, person(), on, dialogue)


def give(petition):
    case = casework.classify(petition.case, user("vanphong"), field("kinh_te"), "within")
    return casework.assign(case, user("vanphong"), agency(), D(2027, 4, 30))


def answer(case, on: datetime.date):
    casework.draft_answer(case, user("canbo"), Outcome.RESOLVED, "Phường đã đưa vào kế hoạch sửa chữa quý II/2027.")
    return casework.approve(case, user("lanhdao"), on)


@pytest.fixture
def announced(demo, monkeypatch):
    """A Hồng An dialogue on 10/03/2027, announced; the date of record is the conference day."""
    dialogue = make_dialogue()
    today_is(monkeypatch, CONFERENCE)
    return lifecycle.announce(dialogue, user("vanphong"), D(2027, 2, 26))


def test_holding_the_conference_closes_collection_dated_the_last_opinion_collected(announced):
    """002 IV.1 and IV.2.1(4), 000 Bước 2-3: opinions are collected *before* the conference and answered at it,
    so holding it ends the collection; the step is dated the last opinion received, not the conference."""
    letter(announced, D(2027, 2, 10))
    letter(announced, D(2027, 2, 25), "Đề nghị lắp đèn chiếu sáng ngõ 5")
    letter(announced, CONFERENCE, "Ý kiến phát biểu tại hội nghị", Channel.AT_CONFERENCE)
    assert steps(announced)["collect"].status == StepStatus.PENDING, "receiving opinions does not end the collection"
    lifecycle.hold(announced, user("vanphong"), CONFERENCE)
    collect = steps(announced)["collect"]
    assert (collect.status, collect.done_on, collect.done_by) == (StepStatus.DONE, D(2027, 2, 25), user("vanphong"))
    event = announced.events.get(action="step_done:collect")
    assert event.detail == {"on": "2027-02-25", "auto": True} and "kết thúc thu thập" in event.reason


def test_classify_is_done_by_the_last_collected_matter_assigned(announced):
    """002 IV.1 and Mẫu 5, 000 Bước 2: classify every opinion and give each to an agency; the step is done on
    the day the last one was assigned. An opinion spoken in the hall is the conference's, not this step's."""
    first, second = letter(announced, D(2027, 2, 10)), letter(announced, D(2027, 2, 20), "Đề nghị lắp đèn ngõ 5")
    give(first)
    lifecycle.hold(announced, user("vanphong"), CONFERENCE)
    letter(announced, CONFERENCE, "Ý kiến phát biểu tại hội nghị", Channel.AT_CONFERENCE)
    assert steps(announced)["classify"].status == StepStatus.PENDING, "one collected matter is not assigned yet"
    last = give(second)
    classify = steps(announced)["classify"]
    assert (classify.status, classify.done_on) == (StepStatus.DONE, last.assigned_on)
    assert announced.events.filter(action="step_done:classify").count() == 1
    give(letter(announced, CONFERENCE, "Ý kiến thứ hai trong hội trường", Channel.AT_CONFERENCE))
    assert announced.events.filter(action="step_done:classify").count() == 1, "done once, never again"


def test_classify_waits_for_the_collection_to_close(announced):
    """002 IV.1: classification (3 working days before) follows the collection (7 before); one early
    assignment while opinions still come in does not close it; the conference does, dated the assignment."""
    assigned = give(letter(announced, D(2027, 2, 10)))
    assert steps(announced)["classify"].status == StepStatus.PENDING
    lifecycle.hold(announced, user("vanphong"), CONFERENCE)
    classify = steps(announced)["classify"]
    assert (classify.status, classify.done_on) == (StepStatus.DONE, assigned.assigned_on)


def test_answer_step_is_done_by_the_last_written_answer_after_the_notice(announced, monkeypatch):
    """003 Điều 10.1-10.2, 002 IV.3.2: after the conclusion notice each agency answers in writing; the step is
    done on the day the last answer was approved, not while one matter is still open."""
    first, second = give(letter(announced, D(2027, 2, 10))), give(letter(announced, D(2027, 2, 20), "Đề nghị lắp đèn"))
    lifecycle.hold(announced, user("vanphong"), CONFERENCE)
    today_is(monkeypatch, D(2027, 3, 31))
    lifecycle.conclude(announced, user("vanphong"), D(2027, 3, 19))
    answer(first, D(2027, 3, 24))
    assert steps(announced)["answer"].status == StepStatus.PENDING
    answer(second, D(2027, 3, 27))
    step = steps(announced)["answer"]
    assert (step.status, step.done_on, step.done_by) == (StepStatus.DONE, D(2027, 3, 27), user("lanhdao"))
    assert announced.events.get(action="step_done:answer").detail["auto"] is True


def test_answers_given_before_the_notice_do_the_step_when_the_notice_is_issued(announced, monkeypatch):
    """003 Điều 10.1: the conclusion notice says who answers what; until it is issued the step stays open,
    then it is done at once, dated the last answer's approval."""
    case = give(letter(announced, D(2027, 2, 10)))
    lifecycle.hold(announced, user("vanphong"), CONFERENCE)
    today_is(monkeypatch, D(2027, 3, 31))
    answer(case, D(2027, 3, 12))
    assert steps(announced)["answer"].status == StepStatus.PENDING
    lifecycle.conclude(announced, user("vanphong"), D(2027, 3, 19))
    assert steps(announced)["answer"].done_on == D(2027, 3, 12)


def test_a_step_waived_by_hand_stays_waived_and_a_done_step_is_not_reopened(announced, monkeypatch):
    """A waiver by hand is the office's decision (its reason kept); a matter added after the step was done
    leaves it done and shows in the archive checklist instead (000 mục 7: nothing is lost)."""
    lifecycle.waive_step(steps(announced)["collect"], user("vanphong"), "Thu thập qua Mặt trận, ghi ngoài hệ thống")
    give(letter(announced, D(2027, 2, 10)))
    lifecycle.hold(announced, user("vanphong"), CONFERENCE)
    assert steps(announced)["collect"].status == StepStatus.WAIVED
    assert not announced.events.filter(action="step_done:collect").exists()
    assert steps(announced)["classify"].status == StepStatus.DONE
    late = letter(announced, CONFERENCE, "Thư đến muộn về rác thải chợ Hồng An")
    assert steps(announced)["classify"].status == StepStatus.DONE
    today_is(monkeypatch, D(2027, 3, 31))
    lifecycle.conclude(announced, user("vanphong"), D(2027, 3, 19))
    assert any("Thư đến muộn" in line and "chưa giao" in line for line in lifecycle.archive_blockers(announced))
    assert late.case.status == "received"


def test_without_any_opinion_the_steps_are_left_to_the_office(announced):
    """No opinion shows any collection done: the office marks the step done or waives it with its reason."""
    lifecycle.hold(announced, user("vanphong"), CONFERENCE)
    assert {code: steps(announced)[code].status for code in ("collect", "classify")} == {
        "collect": StepStatus.PENDING,
        "classify": StepStatus.PENDING,
    }


def test_the_check_costs_the_same_queries_for_two_matters_or_six(announced):
    """Aggregates, not a query per matter (docs/quy-mo.md)."""
    counts = []
    for total in (2, 6):
        while announced.cases.count() < total:
            letter(announced, D(2027, 2, 10), f"Ý kiến số {announced.cases.count() + 1}")
        with CaptureQueriesContext(connection) as queries:
            progress.refresh_work_steps(announced, user("vanphong"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
