"""Demo opinions for the Tân Kỳ dialogue (held, answers overdue) and the coming Hồng An one.

Without them the opinions list, the agencies' inbox, the overdue board and Form 2's petition figures are
empty after `load_demo`, although the README describes Tân Kỳ as "waiting for the agencies' answers".
Written through `petitions.casework` (receive, classify, assign) with the same checks as the screens.
Names are fictional. Idempotent: an opinion already recorded (same dialogue, same text) is skipped.
"""

from __future__ import annotations

import contextlib
import datetime

from django.contrib.auth.models import User
from django.db import transaction

from common import dates
from dialogues.models import Dialogue
from organizations.models import Organization
from regulations.models import profile_for

from . import casework
from .enums import Channel, Jurisdiction, PetitionerKind
from .models import Petition

# (unit code, text, channel, petitioner's name, address, agency code, field named)
OPINIONS = [
    (
        "31-TANKY",
        "Đề nghị xã mở lớp dạy nghề ngắn hạn cho thanh niên chưa có việc làm sau khi hoàn thành nghĩa vụ quân sự.",
        Channel.FRONT,
        "Lê Văn Cường",
        "Thôn 1, xã Tân Kỳ",
        "tk-pvhxh",
        "Văn hóa - xã hội",
    ),
    (
        "31-TANKY",
        "Sân bóng của thôn 2 xuống cấp, đề nghị xã đầu tư cải tạo để thanh niên có nơi luyện tập thể thao.",
        Channel.AT_CONFERENCE,
        "Phạm Thị Mai",
        "Thôn 2, xã Tân Kỳ",
        "tk-pvhxh",
        "Văn hóa - xã hội",
    ),
    (
        "31-TANKY",
        "Đề nghị hướng dẫn thủ tục vay vốn ưu đãi để thanh niên khởi nghiệp nuôi trồng thủy sản.",
        Channel.PAPER_FORM,
        "Vũ Minh Tâm",
        "Thôn 1, xã Tân Kỳ",
        "tk-pkt",
        "Kinh tế",
    ),
    (
        "31-HONGAN",
        "Đường ngõ 12 tổ dân phố số 1 thường xuyên ngập khi mưa lớn, đề nghị phường sớm cải tạo hệ thống thoát nước.",
        Channel.RESIDENTIAL_GROUP,
        "Ngô Thị Lan",
        "Tổ dân phố số 1, phường Hồng An",
        "ha-pkt",
        "Kinh tế",
    ),
    (
        "31-HONGAN",
        "Đề nghị bố trí thêm đèn chiếu sáng công cộng trên tuyến đường ven kênh.",
        Channel.LETTER,
        "Đoàn Văn Phúc",
        "Tổ dân phố số 2, phường Hồng An",
        None,
        "Kinh tế",
    ),
]


@transaction.atomic
def load_demo_petitions() -> int:
    """Record the missing demo opinions; returns how many were recorded."""
    staff = User.objects.filter(username="vanphong").first()
    agencies = {org.code: org for org in Organization.objects.filter(code__in={row[5] for row in OPINIONS if row[5]})}
    written = 0
    for unit_code, text, channel, name, address, agency_code, field_name in OPINIONS:
        dialogue = Dialogue.objects.filter(unit__code=unit_code).select_related("unit").order_by("date").first()
        if dialogue is None or Petition.objects.filter(dialogue=dialogue, content=text).exists():
            continue
        received = min(dialogue.date - datetime.timedelta(days=10), dates.today())
        if channel == Channel.AT_CONFERENCE:
            received = min(dialogue.date, dates.today())
        profile = profile_for(dialogue.unit, dialogue.date)
        fields = [f for f in (profile.opinion_fields() if profile else []) if f.name == field_name]
        petition = casework.receive(
            staff,
            dialogue.unit,
            casework.Opinion(content=text),
            channel,
            casework.PetitionerData(kind=PetitionerKind.PERSON, full_name=name, address=address),
            received_on=received,
            dialogue=dialogue,
        )
        case = casework.classify(petition.case, staff, fields[0] if fields else None, Jurisdiction.WITHIN)
        agency = agencies.get(agency_code)
        if agency is not None:
            # No answer deadline yet for the dialogue: the opinion stays classified.
            with contextlib.suppress(casework.CaseError):
                casework.assign(case, staff, agency)
        written += 1
    return written
