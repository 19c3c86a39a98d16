"""A Hồng An dialogue held on 10/03/2027 whose conclusion notice was issued on 19/03/2027 (the demo's people).

Three opinions from Khổng Văn Quyết (a distinctive name, phone and address that must never reach the public):
one settled at the conference, one to be answered in writing by the Phòng Kinh tế, one with no outcome.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from common.tests.clock import today_is
from conference import proceedings
from conference.models import OutcomeKind
from dialogues import lifecycle
from dialogues.tests.factories import make_dialogue
from petitions import casework
from petitions.enums import Channel, Outcome
from petitions.tests.helpers import agency

D = datetime.date
NAME = "Khổng Văn Quyết"
PHONE = "0977246810"
ADDRESS = "Số 9 ngách 2 ngõ Hoa Gạo"
EMAIL = "quyet.khong@example.vn"
SECRETS = [NAME, PHONE, ADDRESS, EMAIL]
ISSUED = D(2027, 3, 19)
DUE = D(2027, 4, 9)  # 15 working days after 19/03/2027 (000 Bước 5)


def user(username: str) -> User:
    return User.objects.get(username=username)


def quyet() -> casework.PetitionerData:
    return casework.PetitionerData("person", full_name=NAME, address=ADDRESS, phone=PHONE, email=EMAIL)


def concluded(monkeypatch, title: str = "Hội nghị đối thoại quý I/2027"):
    """(dialogue, [settled, written, no outcome] petitions); today is 31/03/2027."""
    dialogue = make_dialogue(title=title)
    today_is(monkeypatch, D(2027, 3, 31))
    staff = user("vanphong")
    texts = (
        "Đường ngõ 12 Lê Lợi xuống cấp",
        f"Ông {NAME} (điện thoại {PHONE}) đề nghị lắp đèn ngõ Hoa Gạo",
        "Trường mầm non thiếu chỗ",
    )
    opinions = [
        casework.receive(staff, dialogue.unit, casework.Opinion(text), Channel.FRONT, quyet(), D(2026, 11, 2), dialogue)
        for text in texts
    ]
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, D(2027, 3, 10))
    proceedings.record_outcome(dialogue, staff, opinions[0].case, OutcomeKind.SETTLED)
    proceedings.record_outcome(dialogue, staff, opinions[1].case, OutcomeKind.WRITTEN, agency("ha-pkt"))
    proceedings.issue_notice(dialogue, staff, ISSUED)
    dialogue.refresh_from_db()
    return dialogue, opinions


def answer(petition, monkeypatch, on: datetime.date) -> None:
    """The Phòng Kinh tế answers the matter and its head approves it on `on`."""
    today_is(monkeypatch, on)
    case = petition.case
    case.refresh_from_db()
    casework.draft_answer(case, user("canbo"), Outcome.RESOLVED, "Phường lắp đèn trong tháng 4/2027.")
    casework.approve(case, user("lanhdao"))
