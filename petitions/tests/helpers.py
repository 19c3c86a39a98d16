"""Helpers for the opinion tests: a dialogue in Hồng An and the users of the demo."""

import datetime

from django.contrib.auth.models import User

from dialogues.tests.factories import make_dialogue
from organizations.models import AdministrativeUnit, Organization
from petitions import casework
from petitions.enums import Channel, PetitionerKind
from regulations.models import OpinionField


def user(username: str) -> User:
    return User.objects.get(username=username)


def hong_an() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code="31-HONGAN")


def field(code: str) -> OpinionField:
    return OpinionField.objects.get(profile__code="tan-ky-2025", code=code)


def agency(code: str = "ha-pkt") -> Organization:
    return Organization.objects.get(code=code)


def person(name: str = "Trần Văn Bình") -> casework.PetitionerData:
    return casework.PetitionerData(PetitionerKind.PERSON, full_name=name, address="Tổ dân phố số 3", phone="0912000111")


def receive(text: str = "Đề nghị sửa đường ngõ 12 Lê Lợi bị ngập khi mưa", dialogue=None, channel=Channel.LETTER, who=None):
    return casework.receive(
        user("vanphong"), hong_an(), casework.Opinion(text), channel, who or person(), datetime.date(2026, 11, 2), dialogue
    )


def assigned(text: str = "Đề nghị sửa đường ngõ 12 Lê Lợi bị ngập khi mưa", dialogue=None, due=datetime.date(2026, 12, 30)):
    petition = receive(text, dialogue)
    casework.classify(petition.case, user("vanphong"), field("kinh_te"), "within")
    return casework.assign(petition.case, user("vanphong"), agency(), due)


__all__ = ["make_dialogue"]
