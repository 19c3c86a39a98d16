"""Demo voter counts and one voters' request, so the convening screens are not empty after `load_demo`.

Written through the verbs of `convening.requests` (same checks as the screens); idempotent: a unit that
already has a voter count, or a request with the demo subject, is left alone.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction

from common import dates
from convening.models import ConveningRequest, VoterCount
from convening.requests import receive_request, record_voters
from organizations.models import AdministrativeUnit

VOTER_LIST = "Danh sách cử tri bầu cử đại biểu Quốc hội và HĐND các cấp nhiệm kỳ 2026-2031 (số liệu minh họa)"
VOTER_LIST_DATE = datetime.date(2026, 3, 1)
VOTERS = {"31-HONGAN": 18450, "31-GIAVIEN": 21230, "31-TANKY": 9870}
REQUEST_TITLE = "Đề nghị đối thoại về tiến độ cải tạo tuyến kênh An Kim Hải"


@transaction.atomic
def load_demo_convening() -> int:
    """Record the missing demo voter counts and the Hồng An request; returns the rows written."""
    staff = User.objects.filter(username="vanphong").first()
    written = 0
    units = {unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in=VOTERS)}
    for code, voters in VOTERS.items():
        unit = units.get(code)
        if unit is None or VoterCount.objects.filter(unit=unit).exists():
            continue
        record_voters(staff, unit=unit, as_of=min(VOTER_LIST_DATE, dates.today()), voters=voters, source=VOTER_LIST)
        written += 1
    unit = units.get("31-HONGAN")
    if unit is not None and not ConveningRequest.objects.filter(unit=unit, title=REQUEST_TITLE).exists():
        receive_request(
            staff,
            unit=unit,
            title=REQUEST_TITLE,
            content="Cử tri các tổ dân phố ven kênh đề nghị người đứng đầu cấp ủy, chính quyền phường đối thoại "
            "về tiến độ cải tạo kênh và việc bồi thường, hỗ trợ các hộ bị ảnh hưởng.",
            representative_name="Trần Văn Lộc",
            representative_contact="Tổ dân phố số 5, phường Hồng An",
            received_on=max(dates.today() - datetime.timedelta(days=10), VOTER_LIST_DATE),
        )
        written += 1
    return written
