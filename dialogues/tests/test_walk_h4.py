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
