"""Walk-through findings on the dialogue page (h4): cancelling cannot be undone, so the button asks first."""

import pytest

from dialogues.enums import Status
from petitions.tests.helpers import user

from .factories import make_dialogue

pytestmark = pytest.mark.django_db


def test_cancel_button_asks_before_cancelling(client, demo):
    dialogue = make_dialogue()
    client.force_login(user("vanphong"))
    html = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    cancel = html.split(f"/doi-thoai/{dialogue.pk}/chuyen/cancel/")[1].split("</form>")[0]
    assert 'data-confirm="Hủy cuộc đối thoại này?' in cancel
    dialogue.refresh_from_db()
    assert dialogue.status != Status.CANCELLED


def test_my_tasks_say_why_a_step_has_no_citation(client, demo):
    """A step the regulation sets no deadline for says so, instead of an empty "Căn cứ" cell (the conference date
    comes from the plan)."""
    dialogue = make_dialogue()
    client.force_login(user("vanphong"))
    html = client.get("/doi-thoai/viec-cua-toi/").content.decode()
    rows = [row for row in html.split("<tr")[1:] if f"/doi-thoai/{dialogue.pk}/" in row]
    assert rows, "the planned dialogue's steps are the office's tasks"
    assert all("<td></td>" not in row for row in rows)
    assert any("Quy định không đặt thời hạn" in row or "theo kế hoạch" in row for row in rows)
