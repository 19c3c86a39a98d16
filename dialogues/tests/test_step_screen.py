"""The step screen (Đánh dấu đã thực hiện): a refused step is a 400 with its Vietnamese message, nothing written."""

import datetime

import pytest
from django.contrib.auth.models import User

from common.tests.clock import today_is
from dialogues import lifecycle
from dialogues.enums import Status, StepStatus
from dialogues.models import DialogueEvent, ScheduleStep

from .factories import FAR, make_dialogue

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def staff(demo) -> User:
    return User.objects.get(username="vanphong")


def _post(client, staff, step: ScheduleStep, on: str):
    client.force_login(staff)
    return client.post(f"/doi-thoai/{step.dialogue_id}/buoc/{step.pk}/done/", {"on": on})


def _written(dialogue) -> tuple:
    steps = tuple(ScheduleStep.objects.filter(dialogue=dialogue).order_by("order").values_list("status", "done_on"))
    return steps, DialogueEvent.objects.filter(dialogue=dialogue).count(), type(dialogue).objects.get(pk=dialogue.pk).status


def test_archiving_with_work_undone_from_the_step_screen_is_a_400_with_what_is_missing(client, staff, monkeypatch):
    """000 Bước 7 and mục 7: the dossier is archived complete; the step screen says what is missing, archives nothing."""
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 3, 20))
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, FAR)
    lifecycle.conclude(dialogue, staff, D(2027, 3, 19))
    before = _written(dialogue)
    response = _post(client, staff, dialogue.steps.get(code="archive"), "2027-03-20")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Chưa thể lưu hồ sơ, còn thiếu" in page and "Bước chưa thực hiện" in page
    assert 'id="timeline"' in page, "the dialogue page itself, with the message"
    assert _written(dialogue) == before and before[2] == Status.CONCLUDED


def test_a_step_dated_after_today_is_a_400_and_nothing_is_written(client, staff, monkeypatch):
    """Issue 11 finding 3 (no date of record in the future) on the step screen."""
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 2, 1))
    before = _written(dialogue)
    response = _post(client, staff, dialogue.steps.get(code="collect"), "2027-02-02")
    assert response.status_code == 400
    assert "không được sau ngày hôm nay (01/02/2027)" in response.content.decode()
    assert _written(dialogue) == before


def test_a_step_no_longer_pending_is_a_400_and_nothing_is_written(client, staff, monkeypatch):
    """The plan step is done by saving the plan (003 Điều 8.1); ticking it again is refused."""
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 2, 1))
    before = _written(dialogue)
    response = _post(client, staff, dialogue.steps.get(code="plan"), "2027-02-01")
    assert response.status_code == 400
    assert "Bước này không còn ở trạng thái chưa thực hiện" in response.content.decode()
    assert _written(dialogue) == before


def test_an_unreadable_date_is_a_400_not_today(client, staff, monkeypatch):
    """A date that cannot be read is not silently replaced by today's."""
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 2, 1))
    before = _written(dialogue)
    response = _post(client, staff, dialogue.steps.get(code="collect"), "31/02/2027")
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()
    assert _written(dialogue) == before


def test_a_step_done_from_the_screen_still_redirects_to_the_page(client, staff, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 2, 1))
    response = _post(client, staff, dialogue.steps.get(code="collect"), "2027-02-01")
    assert response.status_code == 302 and response["Location"] == f"/doi-thoai/{dialogue.pk}/"
    assert dialogue.steps.get(code="collect").status == StepStatus.DONE
