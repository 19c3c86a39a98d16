"""Every generated document opened with python-docx: header, number, title, body data, signature block,
for Party and State issuers (HD 36-HD/VPTW; NĐ 30/2020/NĐ-CP)."""

import datetime
import io
import unicodedata

import pytest
from docx import Document

from common.tests.clock import today_is
from conference import proceedings
from dialogues import lifecycle
from dialogues.tests.factories import head, make_dialogue
from documents.issuer import number_line, vietnamese_date
from documents.issuing import issue
from documents.kinds import Kind
from documents.render import RenderError, to_pdf
from organizations.models import Organization
from petitions import casework
from petitions.enums import Channel
from petitions.tests.helpers import agency, person, user

pytestmark = pytest.mark.django_db
D = datetime.date


def texts(document):
    body = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(body + cells)


def opened(issued):
    with issued.file.open("rb") as handle:
        return Document(io.BytesIO(handle.read()))


@pytest.fixture
def party_dialogue(demo, monkeypatch):
    """Hồng An, hosted by the Party Secretary: its documents are Party documents. Today is 20/03/2027."""
    dialogue = make_dialogue(venue="Hội trường UBND phường Hồng An")
    today_is(monkeypatch, D(2027, 3, 20))
    dialogue.cooperating_agencies.create(organization=agency("ha-pkt"), task="Chuẩn bị báo cáo trả lời ý kiến về hạ tầng")
    staff = user("vanphong")
    petition = casework.receive(
        staff, dialogue.unit, casework.Opinion("Đường ngõ 12 Lê Lợi xuống cấp"), Channel.FRONT, person(), D(2026, 11, 2), dialogue
    )
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, D(2027, 3, 10))
    proceedings.build_programme(dialogue)
    proceedings.record_outcome(dialogue, staff, petition.case, "written", agency("ha-pkt"))
    proceedings.issue_notice(dialogue, staff, D(2027, 3, 19))
    dialogue.refresh_from_db()
    return dialogue


def test_vietnamese_dates_and_numbers():
    """NĐ 30/2020: leading zero for days below 10 and months 1-2."""
    assert vietnamese_date(D(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert vietnamese_date(D(2026, 11, 24)) == "ngày 24 tháng 11 năm 2026"
    assert vietnamese_date(D(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"


def test_number_symbols(demo):
    assert number_line(Organization.objects.get(code="ha-danguy"), 15, "TB") == "Số 15-TB/ĐU"
    assert number_line(Organization.objects.get(code="ha-ubnd"), 8, "TB") == "Số: 08/TB-UBND"


# The date each document carries: the one recorded for it, else the day it is issued (20/03/2027).
RECORDED = {Kind.MINUTES: "ngày 10 tháng 3 năm 2027", Kind.CONCLUSION: "ngày 19 tháng 3 năm 2027"}


@pytest.mark.parametrize(
    "kind", [k for k in Kind.values if k not in (Kind.ANSWER_REPORT, Kind.WRITTEN_ANSWER, Kind.NOTICE, Kind.ANNUAL_REPORT)]
)
def test_party_documents_have_the_party_header_and_signature(party_dialogue, kind):
    issued = issue(kind, user("vanphong"), party_dialogue, day=D(2027, 3, 20))
    document = opened(issued)
    text = texts(document)
    assert unicodedata.is_normalized("NFC", text)
    header = document.tables[0].rows[0].cells
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header[1].text
    assert f"Hồng An, {RECORDED.get(kind, 'ngày 20 tháng 3 năm 2027')}" in header[1].text
    if issued.number:
        assert f"Số {issued.number:02d}-" in header[0].text and "/" in header[0].text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    if kind in (Kind.PLAN, Kind.INVITATION, Kind.PROGRAMME, Kind.MINUTES, Kind.CONCLUSION, Kind.ASSIGNMENT):
        assert "ĐẢNG ỦY PHƯỜNG HỒNG AN" in header[0].text
    if kind in (Kind.PLAN, Kind.INVITATION, Kind.PROGRAMME, Kind.CONCLUSION, Kind.ASSIGNMENT):
        assert "T/M BAN THƯỜNG VỤ" in text and "BÍ THƯ" in text and "Nguyễn Văn Hùng" in text


def test_plan_body_carries_the_dialogue_s_data(party_dialogue):
    text = texts(opened(issue(Kind.PLAN, user("vanphong"), party_dialogue)))
    assert "KẾ HOẠCH" in text and "Hội trường UBND phường Hồng An" in text
    assert "Nguyễn Văn Hùng" in text and "Văn phòng Đảng ủy phường Hồng An" in text
    assert "Chuẩn bị báo cáo trả lời ý kiến về hạ tầng" in text
    assert "000 Bước 1" in text  # the schedule table cites its rules


def test_conclusion_notice_counts_and_deadlines(party_dialogue):
    text = texts(opened(issue(Kind.CONCLUSION, user("vanphong"), party_dialogue)))
    assert "đã trả lời, giải quyết tại hội nghị: 0; chưa giải quyết tại hội nghị: 1" in text
    assert "Phòng Kinh tế, Hạ tầng và Đô thị phường Hồng An" in text and "09/04/2027" in text


def test_state_issuer_answer_report_and_written_answer(party_dialogue):
    """Agencies are State bodies: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", "Số: …"."""
    case = party_dialogue.cases.get()
    casework.draft_answer(case, user("canbo"), "resolved", "Phường sẽ sửa ngõ 12 trong quý II/2027.")
    casework.approve(case, user("lanhdao"))
    report = opened(issue(Kind.ANSWER_REPORT, user("canbo"), party_dialogue, agency("ha-pkt")))
    header = report.tables[0].rows[0].cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text and "Độc lập - Tự do - Hạnh phúc" in header[1].text
    assert "Số: 01/BC-KTHTĐT" in header[0].text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG AN" in header[0].text  # the superior body
    assert "Trần Văn Bình" in texts(report) and "quý II/2027" in texts(report)
    assert "TRƯỞNG PHÒNG" in texts(report) and "Đỗ Quang Vinh" in texts(report)
    letter = opened(issue(Kind.WRITTEN_ANSWER, user("canbo"), subject=case.petitions.get()))
    assert "Kính gửi: Ông/Bà Trần Văn Bình" in texts(letter)
    signer = letter.tables[-1].rows[0].cells[1].text
    assert "TRƯỞNG PHÒNG" in signer and "Đỗ Quang Vinh" in signer and "TRƯỞNG CƠ QUAN" not in signer


def test_state_host_signs_as_people_s_committee(demo):
    dialogue = make_dialogue(
        hosts=[lifecycle.HostChoice(head("31-HONGAN", "committee_chair"))],
        advising_office=Organization.objects.get(code="ha-vphdnd-ubnd"),
    )
    text = texts(opened(issue(Kind.INVITATION, user("vanphong"), dialogue)))
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text and "Phạm Minh Đức" in text
    assert "Số: 01/GM-UBND" in text


def test_numbers_are_per_type_and_never_repeat(party_dialogue):
    first = issue(Kind.CONCLUSION, user("vanphong"), party_dialogue)
    plan = issue(Kind.PLAN, user("vanphong"), party_dialogue)
    second = issue(Kind.CONCLUSION, user("vanphong"), party_dialogue, replace=True, reason="Sai tên cơ quan")
    assert (first.number, plan.number, second.number) == (1, 1, 2)
    assert first.symbol == "01-TB/ĐU" and second.symbol == "02-TB/ĐU"


def test_state_numbers_restart_each_year_party_numbers_run_through_the_term(demo, monkeypatch):
    today_is(monkeypatch, D(2027, 1, 4))
    dialogue = make_dialogue(
        hosts=[lifecycle.HostChoice(head("31-HONGAN", "committee_chair"))],
        advising_office=Organization.objects.get(code="ha-vphdnd-ubnd"),
    )
    again = {"replace": True, "reason": "Đổi địa điểm"}
    assert issue(Kind.INVITATION, None, dialogue, day=D(2026, 12, 30)).number == 1
    assert issue(Kind.INVITATION, None, dialogue, day=D(2027, 1, 4), **again).number == 1
    party = make_dialogue()
    assert issue(Kind.INVITATION, None, party, day=D(2026, 12, 30)).number == 1
    assert issue(Kind.INVITATION, None, party, day=D(2027, 1, 4), **again).number == 2


def test_pdf_copy_or_a_plain_message(party_dialogue):
    issued = issue(Kind.PLAN, None, party_dialogue)
    with issued.file.open("rb") as handle:
        docx = handle.read()
    from documents.render import soffice

    if soffice() is None:
        with pytest.raises(RenderError, match="LibreOffice"):
            to_pdf(docx)
    else:
        assert to_pdf(docx).startswith(b"%PDF")
