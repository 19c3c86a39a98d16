"""Mẫu 2 (002 Phụ lục I): the computed figures, the written parts with versions, and the issued DOCX read back."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from docx import Document

from dialogues.models import Dialogue, DialogueHost
from documents.issuing import IssueError
from documents.kinds import Kind
from documents.models import IssuedDocument, RegisterCounter
from organizations.models import OrganizationKind, PositionKind
from organizations.tests.factories import AppointmentFactory, OrganizationFactory, PersonFactory, UnitFactory, member
from regulations.models import ProfileBinding, RegulationProfile
from reports import mau2, mau2_document
from reports.models import AnnualReport

from .helpers import petitions

D = datetime.date
TODAY = D(2026, 11, 26)
TEXTS = {
    "leadership": "Ban Thường vụ ban hành Kế hoạch số 12-KH/ĐU về đối thoại năm 2026.",
    "propaganda": "Tuyên truyền trên loa truyền thanh xã và nhóm Zalo các thôn.",
    "inspection": "Kiểm tra việc trả lời kiến nghị ở 3 thôn; khen thưởng 2 tập thể.",
    "effectiveness": "Nhiều kiến nghị về đường giao thông được giải quyết ngay sau hội nghị.",
    "strengths": "Người đứng đầu trực tiếp trả lời, không né tránh.",
    "limits": "Một số cơ quan trả lời chậm do thiếu kinh phí.",
    "next_year": "Tổ chức ít nhất 2 hội nghị định kỳ; đối thoại chuyên đề về đất đai.",
    "proposals": "Đề nghị Thành ủy hỗ trợ kinh phí sửa đường liên thôn.",
}


@pytest.fixture
def commune(reference):
    """Xã Mẫu Hai (bound to 003): Bí thư Trần Văn An holds 2 periodic dialogues, Chủ tịch Lê Thị Bình none."""
    unit = UnitFactory(code="XA-M2", name="Xã Mẫu Hai")
    profile = RegulationProfile.objects.get(code="hai-phong-1155-2023")
    ProfileBinding.objects.create(unit=unit, profile=profile, valid_from=D(2025, 7, 1))
    committee = OrganizationFactory(
        unit=unit, code="xa-m2-danguy", name="Đảng ủy xã Mẫu Hai", kind=OrganizationKind.objects.get(code="party_committee")
    )
    people = OrganizationFactory(
        unit=unit, code="xa-m2-ubnd", name="UBND xã Mẫu Hai", kind=OrganizationKind.objects.get(code="peoples_committee")
    )
    secretary = PersonFactory(full_name="Trần Văn An")
    chair = PersonFactory(full_name="Lê Thị Bình")
    AppointmentFactory(person=secretary, organization=committee, position=PositionKind.objects.get(code="secretary"))
    AppointmentFactory(person=chair, organization=people, position=PositionKind.objects.get(code="committee_chair"))

    def held(day, kind="periodic", host=secretary, org=committee, position="secretary", status="held"):
        made = Dialogue.objects.create(unit=unit, title=f"Đối thoại {day}", kind=kind, date=day, status=status, profile=profile)
        DialogueHost.objects.create(
            dialogue=made, person=host, position=PositionKind.objects.get(code=position), organization=org
        )
        return made

    first = held(D(2026, 3, 10))
    held(D(2026, 9, 8))
    held(D(2026, 5, 5), kind="thematic")
    held(D(2026, 6, 2), kind="ad_hoc", host=chair, org=people, position="committee_chair")
    held(D(2026, 4, 7), host=chair, org=people, position="committee_chair", status="cancelled")  # not counted
    held(D(2025, 12, 30))  # the year before
    agency = OrganizationFactory(unit=unit, name="Phòng Kinh tế xã Mẫu Hai", kind=OrganizationKind.objects.get(code="division"))
    at_conference = petitions(first, 4, status="closed", agency=agency, approved_on=D(2026, 3, 10))
    after = petitions(first, 3, status="closed", agency=agency, approved_on=D(2026, 4, 20))
    pending = petitions(first, 2, status="assigned", agency=agency)
    at_conference.due, after.due, pending.due = D(2026, 3, 24), D(2026, 4, 14), D(2026, 10, 1)
    for case in (at_conference, after, pending):
        case.save(update_fields=["due"])
    return unit


def staff(unit, username="van_phong_m2"):
    office = OrganizationFactory(unit=unit, kind=OrganizationKind.objects.get(code="party_office"))
    return member("advising_staff", office, username=username)


@pytest.mark.django_db
def test_figures_dialogues_by_kind_heads_against_the_target_petitions_and_answers(commune):
    """002 Mẫu 2 §2 and 003 Điều 5.2a (periodic ≥ 1 a year per head): An 2 → vượt, Bình 0 → không đạt."""
    numbers = mau2.figures(commune, 2026, today=TODAY)
    assert numbers.dialogues == {"periodic": 2, "thematic": 1, "ad_hoc": 1}
    verdicts = {head.person.full_name: (head.held, head.minimum, head.verdict) for head in numbers.heads}
    assert verdicts == {"Trần Văn An": (2, 1, "exceeded"), "Lê Thị Bình": (0, 1, "not_met")}
    assert (numbers.petitions, numbers.at_conference, numbers.settled_after, numbers.pending) == (9, 4, 3, 2)
    assert numbers.answers == {"on_time": 1, "late": 1, "overdue": 1}


@pytest.mark.django_db
def test_supervision_findings_of_the_year_count_when_the_app_is_installed(commune, settings, tmp_path):
    """002 Mẫu 2 §1 "công tác kiểm tra, giám sát": supervision.totals.findings_count over the subtree, in the year."""
    from django.apps import apps

    if not apps.is_installed("supervision"):
        assert mau2.figures(commune, 2026, today=TODAY).findings is None
        return
    from supervision.models import Finding

    first = Dialogue.objects.get(unit=commune, date=D(2026, 3, 10))
    front = OrganizationFactory(unit=commune, kind=OrganizationKind.objects.get(code="fatherland_front"))
    agency = OrganizationFactory(unit=commune, kind=OrganizationKind.objects.get(code="division"))
    common = {"unit": commune, "organization": front, "dialogue": first, "finding": "Chậm trả lời kiến nghị"}
    Finding.objects.create(**common, found_on=D(2026, 4, 1), request="Trả lời ngay", agency=agency, replied_on=D(2026, 4, 9))
    Finding.objects.create(**common, found_on=D(2026, 5, 2))
    Finding.objects.create(**common, found_on=D(2025, 12, 1))  # the year before
    assert mau2.figures(commune, 2026, today=TODAY).findings_total == 2
    settings.MEDIA_ROOT = tmp_path
    clerk = staff(commune)
    mau2.save_narrative(clerk, commune, 2026, TEXTS)
    with mau2_document.issue_report(clerk, commune, 2026).file.open("rb") as handle:
        text = texts_of(Document(io.BytesIO(handle.read())))
    assert "2 phát hiện; 1 đề nghị gửi cơ quan, 1 đã được trả lời" in text


@pytest.mark.django_db
def test_one_periodic_dialogue_meets_the_target(commune):
    """003 Điều 5.2a: exactly the minimum is "đạt"."""
    Dialogue.objects.filter(unit=commune, date=D(2026, 9, 8)).update(status="cancelled")
    heads = {head.person.full_name: head.verdict for head in mau2.figures(commune, 2026, today=TODAY).heads}
    assert heads["Trần Văn An"] == "met"


@pytest.mark.django_db
def test_saving_the_written_parts_keeps_each_version(commune):
    clerk = staff(commune)
    mau2.save_narrative(clerk, commune, 2026, {"leadership": "Bản đầu"}, reason="soạn lần đầu")
    report = mau2.save_narrative(clerk, commune, 2026, {"leadership": "Bản sửa"}, reason="sửa theo ý kiến Thường trực")
    assert report.leadership == "Bản sửa"
    versions = list(report.history.order_by("history_id").values_list("leadership", "history_change_reason", "history_user"))
    assert versions == [("Bản đầu", "soạn lần đầu", clerk.pk), ("Bản sửa", "sửa theo ý kiến Thường trực", clerk.pk)]


@pytest.mark.django_db
def test_a_viewer_cannot_write_and_nothing_is_saved(commune):
    viewer = member("upper_viewer", OrganizationFactory(unit=commune), username="nguoi_xem")
    with pytest.raises(PermissionDenied):
        mau2.save_narrative(viewer, commune, 2026, TEXTS)
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_a_part_too_long_is_refused_and_nothing_is_saved(commune):
    with pytest.raises(ValidationError):
        mau2.save_narrative(staff(commune), commune, 2026, {"limits": "x" * (mau2.MAX_TEXT + 1)})
    assert not AnnualReport.objects.exists()


def texts_of(document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.django_db
def test_the_issued_docx_has_the_five_sections_the_figures_and_the_written_parts(commune, settings, tmp_path):
    """002 Phụ lục I Mẫu 2: numbered BC in the register, issuer's header, sections 1-5 with the computed figures."""
    settings.MEDIA_ROOT = tmp_path
    clerk = staff(commune)
    mau2.save_narrative(clerk, commune, 2026, TEXTS)
    issued = mau2_document.issue_report(clerk, commune, 2026)
    assert (issued.kind, issued.number, issued.dialogue_id) == (Kind.ANNUAL_REPORT, 1, None)
    assert issued.organization.code == "xa-m2-danguy" and "BC" in issued.symbol
    with issued.file.open("rb") as handle:
        text = texts_of(Document(io.BytesIO(handle.read())))
    assert "ĐẢNG ỦY XÃ MẪU HAI" in text and "BÁO CÁO" in text
    assert "Kết quả thực hiện công tác đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm 2026" in text
    for heading in (
        "1. Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền",
        "2. Kết quả việc thực hiện đối thoại",
        "3. Đánh giá chung",
        "4. Phương hướng, nhiệm vụ giải pháp năm 2027",
        "5. Đề xuất, kiến nghị",
    ):
        assert heading in text
    assert "Số cuộc đối thoại: 4 cuộc (định kỳ 2, chuyên đề 1, đột xuất 1)" in text
    assert "Vượt chỉ tiêu" in text and "Không đạt chỉ tiêu" in text and "003 Điều 5.2a" in text
    assert "tiếp nhận 9; trả lời, giải quyết tại hội nghị 4; được chỉ đạo giải quyết sau đối thoại 3" in text
    assert "đúng hạn 1, trễ hạn 1, quá hạn chưa trả lời 1" in text
    for written in TEXTS.values():
        assert written in text


@pytest.mark.django_db
def test_issuing_with_an_empty_part_is_refused_and_takes_no_number(commune, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clerk = staff(commune)
    mau2.save_narrative(clerk, commune, 2026, {**TEXTS, "proposals": ""})
    with pytest.raises(IssueError, match="Đề xuất, kiến nghị"):
        mau2_document.issue_report(clerk, commune, 2026)
    assert not IssuedDocument.objects.exists() and not RegisterCounter.objects.filter(last_number__gt=0).exists()


@pytest.mark.django_db
def test_issuing_again_needs_a_replacement_with_its_reason(commune, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clerk = staff(commune)
    mau2.save_narrative(clerk, commune, 2026, TEXTS)
    first = mau2_document.issue_report(clerk, commune, 2026)
    with pytest.raises(IssueError, match="đã được ban hành"):
        mau2_document.issue_report(clerk, commune, 2026)
    second = mau2_document.issue_report(clerk, commune, 2026, replace=True, reason="Bổ sung số liệu tháng 12")
    first.refresh_from_db()
    assert first.replaced and second.replaces_id == first.pk and second.number == 2


@pytest.mark.django_db
def test_a_future_year_cannot_be_issued(commune):
    with pytest.raises(IssueError, match="chưa bắt đầu"):
        mau2_document.issue_report(staff(commune), commune, 2099)


@pytest.mark.django_db
def test_the_page_shows_the_figures_and_saves_through_the_verb(commune, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(staff(commune))
    page = client.get("/bao-cao/mau-2/", {"don_vi": "XA-M2", "nam": "2026"})
    assert page.status_code == 200 and "Không đạt chỉ tiêu" in page.content.decode()
    response = client.post("/bao-cao/mau-2/luu/", {"don_vi": "XA-M2", "nam": "2026", **TEXTS, "reason": "soạn"})
    assert response.status_code == 302
    assert AnnualReport.objects.get(unit=commune, year=2026).proposals == TEXTS["proposals"]
    draft = client.get("/bao-cao/mau-2/du-thao.docx", {"don_vi": "XA-M2", "nam": "2026"})
    assert draft.status_code == 200 and draft["Content-Disposition"].startswith("attachment")
    assert TEXTS["limits"] in texts_of(Document(io.BytesIO(b"".join(draft))))
    assert not IssuedDocument.objects.exists()  # a draft takes no number
    client.post("/bao-cao/mau-2/ban-hanh/", {"don_vi": "XA-M2", "nam": "2026"})
    assert IssuedDocument.objects.filter(kind=Kind.ANNUAL_REPORT).count() == 1


@pytest.mark.django_db
def test_a_malformed_year_is_a_400_and_writes_nothing(commune):
    client = Client()
    client.force_login(staff(commune))
    assert client.get("/bao-cao/mau-2/", {"don_vi": "XA-M2", "nam": "20x6"}).status_code == 400
    response = client.post("/bao-cao/mau-2/luu/", {"don_vi": "XA-M2", "nam": "abcd", **TEXTS})
    assert response.status_code == 400 and "không hợp lệ" in response.content.decode()
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_another_commune_cannot_open_or_write(commune):
    other = UnitFactory(code="XA-KHAC", name="Xã Khác")
    client = Client()
    client.force_login(staff(other, username="can_bo_xa_khac"))
    assert client.get("/bao-cao/mau-2/", {"don_vi": "XA-M2", "nam": "2026"}).status_code == 403
    assert client.post("/bao-cao/mau-2/luu/", {"don_vi": "XA-M2", "nam": "2026", **TEXTS}).status_code == 403
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_the_figures_take_the_same_number_of_queries_with_more_units_below(commune):
    """Counts are SQL aggregates over the subtree: adding units with dialogues and petitions adds no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .helpers import dialogue

    with CaptureQueriesContext(connection) as before:
        mau2.figures(commune, 2026, today=TODAY)
    for n in range(5):
        village = UnitFactory(code=f"XA-M2-{n}", name=f"Thôn {n}", parent=commune)
        petitions(dialogue(village, D(2026, 5, 1 + n)), 2)
    with CaptureQueriesContext(connection) as after:
        numbers = mau2.figures(commune, 2026, today=TODAY)
    assert numbers.petitions == 9 + 10
    assert len(after) == len(before) <= 25
