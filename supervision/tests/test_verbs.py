"""One test per rule of supervision, escalation and direction, each citing its clause."""

import datetime

import pytest

from common import dates
from common.uploads import CheckedUpload
from dialogues.models import Dialogue
from supervision import verbs
from supervision.enums import DirectionState, EscalationKind
from supervision.models import Direction, Escalation, Finding, Forecast, SupervisionPlan

from .factories import dialogue, login

TODAY = datetime.date(2026, 11, 26)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def _escalate(world, **fields):
    values = {
        "content": "Đề nghị UBND thành phố bố trí vốn nâng cốt đường ngõ 12 Lê Lợi (vượt thẩm quyền phường)",
        "upper_level": "UBND thành phố Hải Phòng",
        "letter_number": "45/UBND-KT",
        "letter_date": datetime.date(2026, 11, 20),
        "due": datetime.date(2026, 12, 20),
        "case": world.case,
    }
    values.update(fields)
    return verbs.escalate(
        world.ward.staff,
        world.ward.unit,
        values.pop("content"),
        values.pop("upper_level"),
        values.pop("letter_number"),
        values.pop("letter_date"),
        values.pop("due"),
        **values,
    )


# 1. The annual supervision plan


def test_front_plans_its_annual_supervision_with_the_dialogues_and_matters_it_covers_003_dieu_14_3(world):
    plan = verbs.create_plan(
        world.supervisor,
        world.front,
        2027,
        "Kế hoạch giám sát năm 2027",
        dialogues=[world.dialogue],
        cases=[world.case],
    )
    assert plan.unit == world.ward.unit
    assert list(plan.dialogues.all()) == [world.dialogue] and list(plan.cases.all()) == [world.case]
    assert plan.history.exists() and plan.history.exclude(history_user=world.supervisor).count() == 0


def test_ban_xay_dung_dang_also_plans_supervision_002_iv_3_1_1(world):
    plan = verbs.create_plan(world.board_member, world.party_board, 2027, "Giám sát thực hiện thông báo kết luận")
    assert plan.organization == world.party_board


def test_one_plan_a_year_per_body_and_nothing_written_when_refused(world):
    verbs.create_plan(world.supervisor, world.front, 2027, "Kế hoạch giám sát năm 2027")
    with pytest.raises(verbs.Refused):
        verbs.create_plan(world.supervisor, world.front, 2027, "Kế hoạch thứ hai")
    assert SupervisionPlan.objects.count() == 1


def test_a_plan_covers_only_dialogues_of_its_year(world):
    with pytest.raises(verbs.Refused, match="năm"):
        verbs.create_plan(world.supervisor, world.front, 2026, "Kế hoạch 2026", dialogues=[world.dialogue])
    assert not SupervisionPlan.objects.exists()


def test_only_the_body_itself_records_its_plan_and_nothing_is_written(world):
    with pytest.raises(verbs.NotAllowed):
        verbs.create_plan(world.ward.staff, world.front, 2027, "Kế hoạch do văn phòng lập thay")
    with pytest.raises(verbs.NotAllowed):
        verbs.create_plan(world.board_member, world.front, 2027, "Kế hoạch của tổ chức khác")
    assert not SupervisionPlan.objects.exists()


def test_coverage_can_be_changed_and_keeps_history(world):
    plan = verbs.create_plan(world.supervisor, world.front, 2027, "Kế hoạch giám sát năm 2027")
    verbs.set_coverage(world.supervisor, plan, [world.dialogue], [world.case])
    assert list(plan.dialogues.all()) == [world.dialogue]
    assert plan.history.count() >= 2  # the m2m change is a historical record too


# 2. Findings, requests, replies


def test_finding_on_a_matter_shows_on_its_dialogue_with_the_request_to_the_agency_003_dieu_14_3(world):
    finding = verbs.record_finding(
        world.supervisor,
        world.front,
        "Cơ quan chưa trả lời đúng hạn",
        case=world.case,
        request="Đề nghị trả lời bằng văn bản",
        agency=world.ward.agency,
    )
    assert finding.dialogue == world.dialogue and finding.unit == world.ward.unit and finding.found_on == TODAY


def test_a_request_needs_the_agency_it_is_made_to(world):
    with pytest.raises(verbs.Refused):
        verbs.record_finding(world.supervisor, world.front, "Chậm trả lời", case=world.case, request="Đề nghị trả lời")
    assert not Finding.objects.exists()


def test_finding_date_is_never_in_the_future_common_dates(world):
    with pytest.raises(verbs.Refused, match="không được sau ngày hôm nay"):
        verbs.record_finding(world.supervisor, world.front, "Chậm", case=world.case, found_on=TODAY + datetime.timedelta(days=1))
    assert not Finding.objects.exists()


def test_the_agency_records_its_reply_and_its_date(world):
    finding = verbs.record_finding(
        world.supervisor,
        world.front,
        "Chưa trả lời",
        case=world.case,
        request="Đề nghị trả lời",
        agency=world.ward.agency,
        found_on=datetime.date(2026, 11, 10),
    )
    verbs.record_finding_reply(world.ward.officer, finding, "Đã trả lời bằng văn bản số 12", datetime.date(2026, 11, 20))
    finding.refresh_from_db()
    assert finding.replied_on == datetime.date(2026, 11, 20) and finding.reply.startswith("Đã trả lời")


def test_reply_date_never_future_nor_before_the_finding_and_nothing_written(world):
    finding = verbs.record_finding(
        world.supervisor,
        world.front,
        "Chưa trả lời",
        case=world.case,
        request="Đề nghị",
        agency=world.ward.agency,
        found_on=datetime.date(2026, 11, 10),
    )
    with pytest.raises(verbs.Refused):
        verbs.record_finding_reply(world.ward.officer, finding, "Trả lời", TODAY + datetime.timedelta(days=1))
    with pytest.raises(verbs.Refused):
        verbs.record_finding_reply(world.ward.officer, finding, "Trả lời", datetime.date(2026, 11, 9))
    finding.refresh_from_db()
    assert finding.replied_on is None and finding.reply == "" and finding.history.count() == 1


def test_another_body_may_not_record_the_reply(world):
    other = login("thanhdoan", "Lê Thu Trang", "agency_officer", world.party_board)
    finding = verbs.record_finding(
        world.supervisor, world.front, "Chưa trả lời", case=world.case, request="Đề nghị", agency=world.ward.agency
    )
    with pytest.raises(verbs.NotAllowed):
        verbs.record_finding_reply(other, finding, "Trả lời thay", TODAY)
    finding.refresh_from_db()
    assert finding.replied_on is None


# 3. The forecast before the conference


def test_front_attaches_its_forecast_before_the_conference_002_v_4_003_dieu_14_1(world):
    upload = CheckedUpload(name="du-bao.pdf", content=PDF, kind="pdf", content_type="application/pdf", size=len(PDF))
    forecast = verbs.attach_forecast(world.supervisor, world.dialogue, world.front, "Có thể có đông hộ dân ngõ 12 đến", upload)
    assert forecast.submitted_on == TODAY and forecast.file_name == "du-bao.pdf"
    again = verbs.attach_forecast(world.supervisor, world.dialogue, world.front, "Cập nhật: thêm nhóm hộ kinh doanh")
    assert again.pk == forecast.pk and Forecast.objects.count() == 1 and again.history.count() == 2


def test_forecast_refused_once_the_conference_is_held_003_dieu_14_1(world):
    held = dialogue(world.ward, day=datetime.date(2026, 11, 20), status="held", title="Đã tổ chức")
    with pytest.raises(verbs.Refused, match="trước khi tổ chức hội nghị"):
        verbs.attach_forecast(world.supervisor, held, world.front, "Muộn")
    assert not Forecast.objects.exists()


def test_forecast_refused_when_the_conference_day_has_passed_even_if_not_recorded_held(world):
    late = dialogue(world.ward, day=datetime.date(2026, 11, 25), title="Chưa ghi nhận đã tổ chức")
    with pytest.raises(verbs.Refused):
        verbs.attach_forecast(world.supervisor, late, world.front, "Muộn")
    assert not Forecast.objects.exists()


def test_forecast_file_passes_the_upload_check(world):
    with pytest.raises(verbs.Refused, match="không phải loại được nhận"):
        verbs.attach_forecast(
            world.supervisor, world.dialogue, world.front, "Dự báo", _named(b"<script>alert(1)</script>", "x.pdf")
        )
    assert not Forecast.objects.exists()


def _named(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


# 4. Escalation to the upper level


def test_escalation_records_the_letter_the_upper_level_and_a_staff_set_deadline_002_iv_3_1_2(world):
    escalation = _escalate(world)
    assert escalation.dialogue == world.dialogue and escalation.kind == EscalationKind.BEYOND_AUTHORITY
    assert "không quy định" in escalation.due_rule  # no seed gives the upper level a time: said, not invented


def test_a_policy_amendment_proposal_is_a_kind_of_escalation_002_iv_3_1_2(world):
    escalation = _escalate(world, kind=EscalationKind.POLICY_AMENDMENT, content="Đề xuất sửa đổi quy định hỗ trợ nâng cốt nền")
    assert escalation.get_kind_display()


def test_escalation_is_overdue_without_a_reply_by_its_deadline_and_not_once_replied(world, monkeypatch):
    escalation = _escalate(world, due=datetime.date(2026, 11, 25))
    assert list(Escalation.objects.overdue()) == [escalation] and escalation.is_overdue()
    verbs.record_escalation_reply(world.ward.staff, escalation, "UBND thành phố đã giao Sở Xây dựng", TODAY)
    escalation.refresh_from_db()
    assert not Escalation.objects.overdue().exists() and not escalation.is_overdue()


def test_escalation_letter_date_never_future_and_deadline_not_before_it(world):
    with pytest.raises(verbs.Refused):
        _escalate(world, letter_date=TODAY + datetime.timedelta(days=1))
    with pytest.raises(verbs.Refused):
        _escalate(world, due=datetime.date(2026, 11, 19))
    assert not Escalation.objects.exists()


def test_escalation_reply_date_never_future(world):
    escalation = _escalate(world)
    with pytest.raises(verbs.Refused):
        verbs.record_escalation_reply(world.ward.staff, escalation, "Trả lời", TODAY + datetime.timedelta(days=2))
    escalation.refresh_from_db()
    assert escalation.replied_on is None


def test_only_the_advising_office_escalates_003_dieu_13_2(world):
    with pytest.raises(verbs.NotAllowed):
        verbs.escalate(world.supervisor, world.ward.unit, "Kiến nghị", "UBND thành phố", "1/MT", TODAY, TODAY, case=world.case)
    assert not Escalation.objects.exists()


# 5. Directions to handle cadres


def test_direction_to_handle_cadres_has_owner_deadline_and_state_002_iv_3_1_2(world):
    direction = verbs.direct(
        world.ward.staff,
        world.ward.unit,
        "Kiểm điểm trách nhiệm cán bộ để chậm trả lời",
        world.ward.agency,
        datetime.date(2026, 12, 10),
        case=world.case,
    )
    assert direction.state == DirectionState.OPEN and direction.state_label() == str(DirectionState.OPEN.label)
    assert direction.dialogue == world.dialogue and direction.directed_on == TODAY


def test_direction_is_overdue_when_open_past_its_deadline_then_done_with_its_result(world):
    direction = verbs.direct(
        world.ward.staff,
        world.ward.unit,
        "Xem xét xử lý cán bộ",
        world.ward.agency,
        datetime.date(2026, 11, 25),
        directed_on=datetime.date(2026, 11, 20),
        dialogue=world.dialogue,
    )
    assert list(Direction.objects.overdue()) == [direction] and direction.is_overdue()
    verbs.complete_direction(world.ward.head, direction, "Đã kiểm điểm, khiển trách 01 cán bộ", TODAY)
    direction.refresh_from_db()
    assert direction.state == DirectionState.DONE and not Direction.objects.overdue().exists()
    with pytest.raises(verbs.Refused):
        verbs.complete_direction(world.ward.head, direction, "Lần hai", TODAY)


def test_only_the_owner_or_the_office_reports_a_direction_done(world):
    direction = verbs.direct(world.ward.staff, world.ward.unit, "Xử lý cán bộ", world.ward.agency, datetime.date(2026, 12, 10))
    with pytest.raises(verbs.NotAllowed):
        verbs.complete_direction(world.supervisor, direction, "Không phải việc của Mặt trận", TODAY)
    direction.refresh_from_db()
    assert direction.state == DirectionState.OPEN and direction.result == ""


def test_direction_deadline_not_before_the_direction(world):
    with pytest.raises(verbs.Refused):
        verbs.direct(world.ward.staff, world.ward.unit, "Xử lý", world.ward.agency, datetime.date(2026, 11, 1))
    assert not Direction.objects.exists()


def test_dialogue_of_another_unit_is_refused(world):
    from organizations.models import AdministrativeUnit

    city = AdministrativeUnit.objects.get(code="31")
    other = Dialogue.objects.create(
        unit=city, title="Khác", kind="periodic", date=world.dialogue.date, profile=world.dialogue.profile
    )
    with pytest.raises(verbs.Refused):
        verbs.direct(world.ward.staff, world.ward.unit, "Xử lý", world.ward.agency, datetime.date(2026, 12, 10), dialogue=other)
    assert not Direction.objects.exists()
