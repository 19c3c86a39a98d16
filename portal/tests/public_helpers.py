"""Named dialogues and opinions for the public-portal tests (the demo's Hồng An and its people)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from dialogues import lifecycle
from dialogues.tests.factories import FAR, make_dialogue
from petitions.casework import PetitionerData
from petitions.tests.helpers import hong_an
from portal import submissions

LATER = datetime.date(2027, 3, 17)


def staff() -> User:
    return User.objects.get(username="vanphong")


def announced(date: datetime.date = FAR, **fields):
    """A dialogue of Hồng An announced today."""
    dialogue = make_dialogue(date=date, **fields)
    return lifecycle.announce(dialogue, staff())


def planned(date: datetime.date = LATER, **fields):
    return make_dialogue(date=date, title=fields.pop("title", "Bản nháp chưa công bố"), **fields)


def anh(**changes) -> PetitionerData:
    """Nguyễn Thị Ánh, a citizen who leaves her phone and address."""
    fields = {"kind": "person", "full_name": "Nguyễn Thị Ánh", "phone": "0987654321", "address": "Tổ 5, phường Hồng An"}
    fields.update(changes)
    return PetitionerData(**fields)


def sent(content: str = "Đề nghị lắp đèn đường ngõ 7 Trần Phú", sender: PetitionerData | None = None, dialogue=None):
    return submissions.submit(hong_an(), content, sender or anh(), consent=True, dialogue=dialogue)
