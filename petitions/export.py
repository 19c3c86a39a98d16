"""The opinions list as an Excel file: the same filters as the screen, personal data through the privacy gate.

One row per opinion (tracking code, received date, channel, content, petitioner, dialogue, matter and
its handling). The petitioner's name is shown only where the reader may see it (petitions.privacy.Gate,
output "export"); the one access-log row is written when the file is built.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from common import dates
from common.downloads import attachment_response
from common.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes

from .filters import filtered_cases  # the list's one filter definition
from .models import Output, Petition
from .privacy import Gate

MAX_ROWS = 20000  # a province's year fits; more than this is a report, not a list
HEADER = [
    "Mã theo dõi",
    "Ngày nhận",
    "Kênh tiếp nhận",
    "Nội dung ý kiến, kiến nghị",
    "Người kiến nghị",
    "Cuộc đối thoại",
    "Vụ việc",
    "Lĩnh vực",
    "Thẩm quyền",
    "Cơ quan được giao",
    "Hạn trả lời",
    "Trạng thái",
]


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def opinion_rows(cases: QuerySet, gate: Gate) -> list[list]:
    """The header and one row per opinion of these matters, newest first, names through the gate."""
    petitions = (
        Petition.objects.filter(case__in=cases.order_by().values("pk"))
        .select_related("case__field", "case__agency", "case__dialogue", "petitioner")
        .order_by("-received_on", "-id")[:MAX_ROWS]
    )
    rows = [HEADER]
    for petition in petitions:
        case = petition.case
        rows.append(
            [
                petition.tracking_code,
                _date(petition.received_on),
                str(petition.get_channel_display()),
                petition.content,
                gate.label(petition.petitioner, case),
                case.dialogue.title if case.dialogue else "",
                case.summary,
                case.field.name if case.field else "",
                str(case.get_jurisdiction_display()),
                case.agency.name if case.agency else "",
                _date(case.due),
                str(case.get_status_display()),
            ]
        )
    return rows


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The filtered list as XLSX; the names shown are logged once (output "export")."""
    cases, _query = filtered_cases(request.user, request.GET)
    gate = Gate(request.user, Output.EXPORT, request, where="opinions list export")
    content = xlsx_bytes([("Ý kiến, kiến nghị", opinion_rows(cases, gate))])
    gate.close()
    return attachment_response(content, f"y-kien-kien-nghi-{dates.today():%Y-%m-%d}.xlsx", XLSX_CONTENT_TYPE)
