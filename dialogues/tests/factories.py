"""Dialogues built through the real planning function, with the demo's people."""

import datetime

from django.contrib.auth.models import User

from dialogues import lifecycle
from organizations.models import AdministrativeUnit, Appointment

FAR = datetime.date(2027, 3, 10)  # a Wednesday far enough ahead for every notice period


def head(unit_code: str, position: str = "secretary") -> Appointment:
    return Appointment.objects.get(organization__unit__code=unit_code, position__code=position)


def make_dialogue(unit_code: str = "31-HONGAN", date: datetime.date = FAR, kind: str = "periodic", hosts=None, **fields):
    fields.setdefault("title", "Hội nghị đối thoại thử nghiệm")
    if kind == "thematic":
        fields.setdefault("topic", "youth")
    if kind == "ad_hoc":
        fields.setdefault("ad_hoc_reason", "sudden")
        fields.setdefault("description", "Vụ việc phát sinh cần giải quyết ngay")
    user = fields.pop("user", None) or User.objects.get(username="vanphong")
    hosts = hosts or [lifecycle.HostChoice(head(unit_code))]
    return lifecycle.create_dialogue(
        user, hosts=hosts, unit=AdministrativeUnit.objects.get(code=unit_code), kind=kind, date=date, **fields
    )
