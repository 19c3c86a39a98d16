"""Intake from every channel, Form 4, grouping, deadlines before and after the conference, every outcome."""

import datetime

import pytest
from django.utils import timezone

from common.tests.clock import today_is
from dialogues import lifecycle
from petitions import casework
from petitions.enums import CaseStatus, Channel, Outcome, PetitionerKind
from petitions.models import Case, CaseEvent, Petition

from .helpers import agency, assigned, field, hong_an, make_dialogue, person, receive, user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize("channel", Channel.values)
def test_every_channel_gives_a_record_with_a_tracking_code(demo, channel):
    petition = receive(channel=channel)
    assert petition.channel == channel
    assert petition.tracking_code.startswith("YK-") and len(petition.tracking_code) == 11
    assert petition.case.status == CaseStatus.RECEIVED
    assert CaseEvent.objects.filter(case=petition.case, action="received").exists()


def test_petitioner_kinds(demo):
    organization = casework.PetitionerData(
        PetitionerKind.ORGANIZATION, organization_name="Hợp tác xã Hồng An", representative="Lê Văn C"
    )
    assert receive(who=organization).petitioner.display_name == "Hợp tác xã Hồng An (Lê Văn C)"
    assert receive(who=casework.PetitionerData(PetitionerKind.UNKNOWN)).petitioner is None
    with pytest.raises(casework.CaseError):
        receive(who=casework.PetitionerData(PetitionerKind.PERSON, full_name=" "))


def test_bad_intake_changes_nothing(demo):
    with pytest.raises(casework.CaseError):
        receive(text="   ")
    with pytest.raises(casework.CaseError):
        casework.receive(user("vanphong"), hong_an(), casework.Opinion("x"), "pigeon")
    with pytest.raises(casework.CaseError):
        casework.receive(user("vanphong"), hong_an(), casework.Opinion("x"), Channel.LETTER, received_on=D(2099, 1, 1))
    assert Petition.objects.count() == 0 and Case.objects.count() == 0


def test_form_4_with_three_opinions_one_per_field(demo):
    """002 Mẫu 4: one form, one opinion per field; each becomes its own record linked to the form."""
    opinions = [
        casework.Opinion("Đường ngõ 12 xuống cấp", field=field("kinh_te")),
        casework.Opinion("Trường mầm non thiếu chỗ", field=field("van_hoa_xa_hoi")),
        casework.Opinion("Trộm cắp xe máy ở tổ 6", field=field("quoc_phong_an_ninh")),
    ]
    petitions = casework.receive_sheet(user("vanphong"), hong_an(), person(), opinions, D(2026, 11, 2))
    assert len({p.tracking_code for p in petitions}) == 3
    assert len({p.sheet_id for p in petitions}) == 1 and len({p.petitioner_id for p in petitions}) == 1
    assert [p.case.field.code for p in petitions] == ["kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh"]
    with pytest.raises(casework.CaseError):
        casework.receive_sheet(user("vanphong"), hong_an(), person(), opinions[:1] * 2, D(2026, 11, 2))


def test_grouping_answers_once_and_tells_everyone(demo):
    first = receive("Đề nghị sửa đường ngõ 12 Lê Lợi")
    second = receive("Ngõ 12 Lê Lợi hư hỏng nặng, đề nghị sửa", who=person("Phạm Thị D"))
    target = casework.group(first.case, [second.case], user("vanphong"))
    assert target.petitions.count() == 2
    assert not Case.objects.filter(pk=second.case_id).exists()
    casework.classify(target, user("vanphong"), field("kinh_te"), "within")
    casework.assign(target, user("vanphong"), agency(), D(2026, 12, 30))
    casework.draft_answer(target, user("canbo"), Outcome.RESOLVED, "Phường đã đưa vào kế hoạch sửa chữa quý I/2027.")
    casework.approve(target, user("lanhdao"))
    second.refresh_from_db()
    assert second.case.status == CaseStatus.CLOSED and second.case.answer.startswith("Phường")
    with pytest.raises(casework.CaseError):
        casework.group(target, [receive("khác").case], user("vanphong"))


def test_deadline_before_the_conference_is_when_answers_must_be_ready(demo, monkeypatch):
    """Before the conference: the profile's deadline for answers being ready (001 III.1: 7 days before).

    Gia Viên's 2025 plan binds 2025 dialogues only, so the scenario is set in 2025."""
    today_is(monkeypatch, D(2025, 9, 1))
    dialogue = make_dialogue("31-GIAVIEN", date=D(2025, 11, 20), user=user("quantri"))
    petition = casework.receive(
        user("quantri"), dialogue.unit, casework.Opinion("Đèn đường hỏng"), Channel.FRONT, dialogue=dialogue
    )
    casework.classify(petition.case, user("quantri"), None, "within")
    case = casework.assign(petition.case, user("quantri"), dialogue.unit.organizations.get(code="gv-pvhxh"))
    assert case.due == D(2025, 11, 10) and "001 III.1" in case.due_rule


def test_deadline_after_the_conference_is_the_answer_step(demo, monkeypatch):
    """After the conference: the dialogue's `answer` step, 15 working days from the notice (000 Bước 5)."""
    dialogue = make_dialogue()
    today_is(monkeypatch, D(2027, 3, 19))
    staff = user("vanphong")
    lifecycle.announce(dialogue, staff, D(2027, 2, 26))
    lifecycle.hold(dialogue, staff, D(2027, 3, 10))
    lifecycle.conclude(dialogue, staff, D(2027, 3, 19))
    case = assigned(dialogue=dialogue, due=None)
    assert case.due == D(2027, 4, 9) and "000" in case.due_rule


def test_without_a_dialogue_the_deadline_is_set_by_hand(demo):
    petition = receive()
    casework.classify(petition.case, user("vanphong"), field("kinh_te"), "within")
    with pytest.raises(casework.CaseError):
        casework.assign(petition.case, user("vanphong"), agency())
    assert casework.assign(petition.case, user("vanphong"), agency(), D(2026, 12, 15)).due == D(2026, 12, 15)


def test_assign_needs_classification_and_reassign_needs_reason(demo):
    petition = receive()
    with pytest.raises(casework.CaseError):
        casework.assign(petition.case, user("vanphong"), agency(), D(2026, 12, 15))
    case = assigned()
    with pytest.raises(casework.CaseError):
        casework.assign(case, user("vanphong"), agency("ha-congan"), D(2026, 12, 15))
    case = casework.assign(case, user("vanphong"), agency("ha-congan"), D(2026, 12, 15), "Thuộc lĩnh vực an ninh trật tự")
    assert case.agency.code == "ha-congan"
    assert CaseEvent.objects.get(case=case, action="reassigned").reason == "Thuộc lĩnh vực an ninh trật tự"


@pytest.mark.parametrize("outcome", [Outcome.ANSWERED, Outcome.RESOLVED, Outcome.PARTLY])
def test_closing_outcomes(demo, outcome, monkeypatch):
    today_is(monkeypatch, D(2026, 12, 10))
    case = assigned()
    casework.draft_answer(case, user("canbo"), outcome, "Nội dung trả lời")
    case = casework.approve(case, user("lanhdao"), D(2026, 12, 10))
    assert (case.status, case.outcome, case.approved_on) == (CaseStatus.CLOSED, outcome, D(2026, 12, 10))


@pytest.mark.parametrize("outcome", [Outcome.ESCALATED, Outcome.TRANSFERRED, Outcome.OUTSIDE])
def test_outcomes_that_send_the_matter_elsewhere_say_where(demo, outcome):
    """003 Điều 1.2: complaints and denunciations follow their own laws — say where they were sent."""
    case = assigned()
    with pytest.raises(casework.CaseError):
        casework.draft_answer(case, user("canbo"), outcome, "Chuyển")
    casework.draft_answer(case, user("canbo"), outcome, "Đã chuyển", sent_to="Thanh tra thành phố")
    case = casework.approve(case, user("lanhdao"))
    assert case.status == CaseStatus.CLOSED and case.sent_to == "Thanh tra thành phố"


def test_needs_more_time_moves_the_deadline_and_the_petitioner_is_told(demo):
    """002 Mẫu 9 3.2: more time needs the legal reason and a new date, and the petitioner must be told."""
    case = assigned()
    with pytest.raises(casework.CaseError):
        casework.draft_answer(case, user("canbo"), Outcome.MORE_TIME, "Cần xác minh", legal_reason="", new_due=D(2027, 1, 30))
    with pytest.raises(casework.CaseError):
        casework.draft_answer(case, user("canbo"), Outcome.MORE_TIME, "Cần xác minh", "Luật Đất đai 2024", D(2026, 12, 1))
    casework.draft_answer(case, user("canbo"), Outcome.MORE_TIME, "Cần xác minh", "Luật Đất đai 2024 Điều 236", D(2027, 1, 30))
    case = casework.approve(case, user("lanhdao"))
    assert (case.status, case.due) == (CaseStatus.ASSIGNED, D(2027, 1, 30))
    petition = case.petitions.get()
    today = timezone.localdate()
    casework.tell_petitioner(petition, user("vanphong"), today, "Công văn số 45/UBND")
    petition.refresh_from_db()
    assert petition.told_on == today


def test_only_the_assigned_agency_drafts_and_only_its_head_approves(demo):
    case = assigned()
    with pytest.raises(casework.CaseError):
        casework.draft_answer(case, user("vanphong"), Outcome.ANSWERED, "x")
    casework.draft_answer(case, user("canbo"), Outcome.ANSWERED, "Trả lời")
    with pytest.raises(casework.CaseError):
        casework.approve(case, user("canbo"))
    assert casework.approve(case, user("lanhdao")).status == CaseStatus.CLOSED


def test_follow_up_links_to_the_first(demo):
    """000 mục 7 item 11: follow-up petitions after an answer are recorded and linked."""
    first = receive()
    again = casework.receive(
        user("vanphong"), hong_an(), casework.Opinion("Vẫn chưa sửa"), Channel.LETTER, person(), follow_up_of=first
    )
    assert again.follow_up_of == first and list(first.follow_ups.all()) == [again]
    assert CaseEvent.objects.filter(case=first.case, action="follow_up").exists()


def test_the_written_answer_is_recorded_by_date_checked_and_shown_late(demo, monkeypatch):
    """Issue 11 finding 5: the agency records when its written answer reached the petitioner; never in the
    future nor before the opinion was received; after the deadline it is recorded and marked late."""
    today_is(monkeypatch, D(2027, 1, 10))
    case = assigned(due=D(2027, 1, 5))
    petition = case.petitions.get()
    with pytest.raises(casework.CaseError, match="không được sau ngày hôm nay"):
        casework.tell_petitioner(petition, user("canbo"), D(2027, 1, 11), "Gửi văn bản qua bưu điện")
    with pytest.raises(casework.CaseError, match="trước ngày tiếp nhận"):
        casework.tell_petitioner(petition, user("canbo"), D(2026, 11, 1), "Gửi văn bản qua bưu điện")
    petition.refresh_from_db()
    assert petition.told_on is None and not case.events.filter(action="told").exists()
    casework.tell_petitioner(petition, user("canbo"), D(2027, 1, 8), "Gửi văn bản qua bưu điện")
    petition.refresh_from_db()
    assert petition.told_on == D(2027, 1, 8) and petition.told_late
    assert case.events.get(action="told").detail["late"] is True


def test_the_agency_head_returns_a_draft_with_comments(demo):
    """Issue 11 finding 6: "trả lại" with comments, kept in the history; the officer revises the same draft."""
    case = assigned()
    casework.draft_answer(case, user("canbo"), Outcome.RESOLVED, "Phường sẽ xem xét.")
    with pytest.raises(casework.CaseError, match="Ghi ý kiến"):
        casework.return_answer(case, user("lanhdao"), "  ")
    with pytest.raises(casework.CaseError):
        casework.return_answer(case, user("canbo"), "Tự trả lại")
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFTED and not case.events.filter(action="returned").exists()
    casework.return_answer(case, user("lanhdao"), "Nêu rõ thời gian thi công")
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED and case.answer == "Phường sẽ xem xét."
    event = case.events.get(action="returned")
    assert event.reason == "Nêu rõ thời gian thi công" and event.by.username == "lanhdao"
    casework.draft_answer(case, user("canbo"), Outcome.RESOLVED, "Phường thi công trong tháng 1/2027.")
    casework.approve(case, user("lanhdao"))
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_a_code_the_petitioner_holds_is_kept_from_the_start_and_never_given_twice(demo):
    """002 Mẫu 4 and domain §6 ("traceable"): an opinion sent from the portal keeps the code its sender holds —
    on the petition and in its "received" event — and a code already given is refused, writing nothing."""
    kept = casework.receive(
        user("vanphong"), hong_an(), casework.Opinion("Đề nghị sửa cống"), Channel.WEB_FORM, tracking_code="YK-ABCD2345"
    )
    assert kept.tracking_code == "YK-ABCD2345" and kept.history.count() == 1
    assert kept.case.events.get(action="received").detail["petition"] == "YK-ABCD2345"
    with pytest.raises(casework.CaseError, match="YK-ABCD2345"):
        casework.receive(
            user("vanphong"), hong_an(), casework.Opinion("Ý kiến khác"), Channel.WEB_FORM, tracking_code="YK-ABCD2345"
        )
    assert Petition.objects.count() == 1 and Case.objects.count() == 1
