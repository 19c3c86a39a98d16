"""Demo dialogues for `make run`: coming up in Hồng An, held in Tân Kỳ, concluded in Gia Viên (archived by portal.demo).

Idempotent: a demo dialogue that exists (same unit and subject) is left as it is.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from organizations.models import AdministrativeUnit, Appointment, Organization
from workdays.calendar import WorkCalendar

from . import lifecycle
from .models import Dialogue, ParticipantGroup

PAST_ENTRY = "Hội nghị đã tổ chức trước khi đơn vị dùng hệ thống; nhập lại để theo dõi trả lời."


def _head(unit_code: str, position: str) -> lifecycle.HostChoice:
    return lifecycle.HostChoice(Appointment.objects.get(organization__unit__code=unit_code, position__code=position))


@transaction.atomic
def load_demo_dialogues(today: datetime.date | None = None) -> int:
    """Create the missing demo dialogues; returns how many were created."""
    today = today or timezone.localdate()
    calendar = WorkCalendar()
    admin = User.objects.get(username="quantri")
    staff = User.objects.get(username="vanphong")
    created = 0

    def plan(unit_code: str, title: str, user: User, hosts, **fields) -> Dialogue | None:
        nonlocal created
        unit = AdministrativeUnit.objects.get(code=unit_code)
        if Dialogue.objects.filter(unit=unit, title=title).exists():
            return None
        created += 1
        return lifecycle.create_dialogue(user, hosts=hosts, unit=unit, title=title, **fields)

    upcoming = plan(
        "31-HONGAN",
        "Hội nghị đối thoại giữa Bí thư Đảng ủy phường với Nhân dân năm 2026",
        staff,
        [_head("31-HONGAN", "secretary")],
        kind="periodic",
        date=calendar.after(today, 20).date,
        venue="Hội trường UBND phường Hồng An",
        expected_citizens=150,
        description="Trao đổi về chỉnh trang đô thị, an ninh trật tự và thủ tục hành chính trên địa bàn phường.",
    )
    if upcoming:
        group = ParticipantGroup.objects.create(dialogue=upcoming, kind="residential", expected_count=60)
        group.organizations.set(upcoming.unit.organizations.filter(kind__code="residential_group"))

    held_on = calendar.before(today, 12).date
    held = plan(
        "31-TANKY",
        "Hội nghị đối thoại chuyên đề với thanh niên xã Tân Kỳ",
        admin,
        [_head("31-TANKY", "secretary"), _head("31-TANKY", "committee_chair")],
        kind="thematic",
        topic="youth",
        date=held_on,
        venue="Nhà văn hóa xã Tân Kỳ",
        expected_citizens=80,
        notice_justification=PAST_ENTRY,
        # after its 2025 plan Tân Kỳ follows 1155, where the heads name the advising unit (003 Điều 7.5)
        advising_office=Organization.objects.get(code="tk-vpdu"),
    )
    if held:
        lifecycle.announce(held, admin, calendar.before(held_on, 6).date)
        lifecycle.hold(held, admin, held_on)
        lifecycle.conclude(held, admin, calendar.after(held_on, 4).date)

    archived = plan(
        "31-GIAVIEN",
        "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền phường Gia Viên với Nhân dân năm 2025",
        admin,
        [_head("31-GIAVIEN", "secretary"), _head("31-GIAVIEN", "committee_chair")],
        kind="periodic",
        date=datetime.date(2025, 11, 6),
        venue="Hội trường tầng 4, 212 Lê Lợi",
        expected_citizens=120,
        notice_justification=PAST_ENTRY,
    )
    if archived:
        lifecycle.announce(archived, admin, datetime.date(2025, 10, 24))
        lifecycle.hold(archived, admin, datetime.date(2025, 11, 6))
        lifecycle.conclude(archived, admin, datetime.date(2025, 11, 18))
        # archived by portal.demo once its dossier is accounted for (the dossier lives in a higher app)
    return created
