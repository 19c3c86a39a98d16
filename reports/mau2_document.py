"""Mẫu 2 as a document of the register: its content in the seed's five sections, its draft and its issue.

documents.issuing numbers, renders (the issuer's own template, or the built-in one) and registers it like
every document; this module registers the builder for Kind.ANNUAL_REPORT (reports.apps) so that the
documents app imports nothing of reports. The report names no petitioner: no personal data to gate.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from common import dates
from documents.issuing import Draft, IssueError, draft, issue
from documents.kinds import Kind
from documents.models import IssuedDocument
from documents.render import Block, Content
from organizations.access import can
from organizations.models import AdministrativeUnit, Organization
from regulations.models import profile_for

from .duties import layered_reporting
from .mau2 import EDIT_ACTION, KIND_LABELS, NARRATIVE, VERDICTS, Figures, figures, issuer_of, report_for
from .models import AnnualReport

PART_TITLES = {
    "leadership": "Việc xây dựng ban hành văn bản lãnh đạo, chỉ đạo",
    "propaganda": "Công tác tuyên truyền",
    "inspection": "Công tác kiểm tra, giám sát; biểu dương, khen thưởng",
    "effectiveness": "Hiệu quả",
    "strengths": "Ưu điểm, kết quả đạt được",
    "limits": "Những hạn chế, vướng mắc và nguyên nhân",
    "next_year": "Phương hướng, nhiệm vụ giải pháp",
    "proposals": "Đề xuất, kiến nghị",
}


def _part(report: AnnualReport, name: str) -> list[Block]:
    text = getattr(report, name) or "…"
    return [Block(f"- {PART_TITLES[name]}:", italic=True), *(Block(line) for line in text.splitlines() if line.strip())]


def figure_blocks(numbers: Figures) -> list[Block]:
    """Section 2's computed figures: dialogues by kind, each head against the target, petitions, answers."""
    by_kind = ", ".join(f"{KIND_LABELS[kind]} {numbers.dialogues.get(kind, 0)}" for kind in KIND_LABELS)
    blocks = [Block(f"- Số cuộc đối thoại: {numbers.total_dialogues} cuộc ({by_kind}); so sánh với chỉ tiêu:")]
    rows = [["Người đứng đầu", "Chức vụ", "Đối thoại định kỳ đã tổ chức", "Chỉ tiêu", "Đánh giá", "Căn cứ"]]
    for head in numbers.heads:
        minimum = str(head.minimum) if head.minimum else "—"
        rows.append([head.person.full_name, head.position, str(head.held), minimum, VERDICTS[head.verdict], head.citation])
    if len(rows) > 1:
        blocks.append(Block(rows=rows))
    else:
        blocks.append(Block("(Đơn vị chưa ghi người đứng đầu cấp ủy, chính quyền để so sánh với chỉ tiêu.)", italic=True))
    blocks.append(
        Block(
            f"- Ý kiến, kiến nghị của Nhân dân: tiếp nhận {numbers.petitions}; trả lời, giải quyết tại hội nghị "
            f"{numbers.at_conference}; được chỉ đạo giải quyết sau đối thoại {numbers.settled_after}; "
            f"còn đang giải quyết {numbers.pending}."
        )
    )
    answers = numbers.answers
    blocks.append(
        Block(
            f"- Trả lời bằng văn bản của các cơ quan: đúng hạn {answers['on_time']}, trễ hạn {answers['late']}, "
            f"quá hạn chưa trả lời {answers['overdue']}."
        )
    )
    return blocks


def content(report: AnnualReport, numbers: Figures | None = None) -> tuple[Organization, Content]:
    """The report's issuer and content (the builder documents.issuing calls for Kind.ANNUAL_REPORT)."""
    unit, year = report.unit, report.year
    issuer = issuer_of(unit)
    if issuer is None:
        raise IssueError(f"{unit.name} chưa có cấp ủy trong danh mục cơ quan để ban hành báo cáo.")
    numbers = numbers or figures(unit, year)
    inspection = _part(report, "inspection")
    if numbers.findings_total is not None:
        found = numbers.findings or {}
        inspection.append(
            Block(
                f"Giám sát việc thực hiện kết luận và giải quyết kiến nghị trong năm: {numbers.findings_total} phát hiện; "
                f"{found.get('requests', 0)} đề nghị gửi cơ quan, {found.get('requests_replied', 0)} đã được trả lời."
            )
        )
    body = [
        Block("1. Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền", bold=True),
        *_part(report, "leadership"),
        *_part(report, "propaganda"),
        *inspection,
        Block(
            f"2. Kết quả việc thực hiện đối thoại giữa người đứng đầu cấp ủy, chính quyền các cấp với Nhân dân năm {year}",
            bold=True,
        ),
        *figure_blocks(numbers),
        *_part(report, "effectiveness"),
        Block("3. Đánh giá chung", bold=True),
        *_part(report, "strengths"),
        *_part(report, "limits"),
        Block(f"4. Phương hướng, nhiệm vụ giải pháp năm {year + 1}", bold=True),
        *(Block(line) for line in (report.next_year or "…").splitlines() if line.strip()),
        Block("5. Đề xuất, kiến nghị", bold=True),
        *(Block(line) for line in (report.proposals or "…").splitlines() if line.strip()),
    ]
    summary = f"Kết quả thực hiện công tác đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm {year}"
    return issuer, Content(heading="BÁO CÁO", summary=summary, body=body, recipients=recipients(unit, year))


def recipients(unit: AdministrativeUnit, year: int) -> list[str]:
    """Where the profile sends Mẫu 2 (002 V.2: Ban Tuyên giáo và Dân vận Thành ủy), as "Nơi nhận"."""
    profile = profile_for(unit, datetime.date(year, 12, 31)) or profile_for(unit, datetime.date(year, 1, 1))
    if profile is None:
        return []
    _source, rules = layered_reporting(profile)
    return sorted({f"- {rule.to}," for rule in rules if rule.form == "mau_2" and rule.to})


def build_for_register(subject) -> tuple[Organization, Content]:
    if not isinstance(subject, AnnualReport):
        raise IssueError("Báo cáo năm (Mẫu 2) cần bản báo cáo của đơn vị.")
    return content(subject)


def missing_parts(report: AnnualReport) -> list[str]:
    return [PART_TITLES[name] for name in NARRATIVE if not (getattr(report, name) or "").strip()]


def draft_docx(unit: AdministrativeUnit, year: int) -> Draft:
    """The report as it would be issued, without a number: for reading before it is signed (writes nothing)."""
    return draft(Kind.ANNUAL_REPORT, None, report_for(unit, year), day=dates.today())


def in_force(report: AnnualReport) -> IssuedDocument | None:
    if report.pk is None:
        return None
    found = IssuedDocument.objects.filter(kind=Kind.ANNUAL_REPORT, subject_id=report.pk, replaced=False, number__isnull=False)
    return found.order_by("-id").first()


def issue_report(user, unit: AdministrativeUnit, year: int, *, replace: bool = False, reason: str = "") -> IssuedDocument:
    """Number and register Mẫu 2 with today's date (documents.issuing.issue: atomic, counter row locked).

    Refused (PermissionDenied / IssueError, nothing written): without the right in the unit, for a year not
    yet begun, while a written part is empty, or when a report is in force and this is not a replacement
    with its reason. Side effects: the register entry and its file (documents.issuing.issue).
    """
    if not can(user, EDIT_ACTION, unit):
        raise PermissionDenied("Bạn không có quyền ban hành báo cáo của đơn vị này.")
    if year > dates.today().year:
        raise IssueError(f"Năm {year} chưa bắt đầu: chưa thể báo cáo kết quả.")
    report = AnnualReport.objects.filter(unit=unit, year=year).first()
    if report is None:
        raise IssueError("Chưa soạn báo cáo: ghi các phần lời văn trước khi ban hành.")
    missing = missing_parts(report)
    if missing:
        raise IssueError("Chưa soạn các phần: " + "; ".join(missing) + ".")
    return issue(Kind.ANNUAL_REPORT, user, None, report, day=dates.today(), replace=replace, reason=reason)
