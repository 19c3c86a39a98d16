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
    unit = AdministrativeUnit.objects.get(code=unit_code)
    if "advising_office" not in fields:
        fields["advising_office"] = _office_named_by_the_head(unit, date, hosts)
    return lifecycle.create_dialogue(user, hosts=hosts, unit=unit, kind=kind, date=date, **fields)


def _office_named_by_the_head(unit, date, hosts):
    """Where the regulation leaves the advising office to the head (003 Điều 7.5), the head names the
    Party office, as Tân Kỳ's and Gia Viên's heads do once their 2025 plans end; else the regulation's own."""
    from dialogues.hosts import advising_office_for
    from regulations.models import profile_for

    profile = profile_for(unit, date)
    positions = [(choice.on_behalf_of or choice.appointment).position.code for choice in hosts]
    if profile is None or advising_office_for(profile, unit, positions).office is not None:
        return None
    return unit.organizations.filter(kind__code="party_office").first()
