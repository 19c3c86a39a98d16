"""Issue 12: regulations in layers (000, 001, 002 within 003), the 2025 plans' end date, and the corrections."""

import datetime

import pytest

from dialogues.schedule import plan_schedule
from organizations.enums import Role
from organizations.tests.factories import OrganizationFactory, UnitFactory, member
from regulations.layers import layered_deadlines, layered_frequency, layered_hosts
from regulations.loading import SHIPPED_CODES, copy_profile, read_profile_file
from regulations.models import ParentPrecedence, ProfileBinding, RegulationProfile, binding_for, binding_note, profile_for

pytestmark = pytest.mark.django_db
D = datetime.date
AFTER_TET = D(2026, 3, 2)
CHILDREN = ["hong-an-qt-vp12", "gia-vien-2025", "tan-ky-2025"]


def profile(code):
    return RegulationProfile.objects.get(code=code)


def steps(code, kind="periodic", day=AFTER_TET):
    return {step.code: step for step in plan_schedule(profile(code), kind, day)}


@pytest.mark.parametrize("code", CHILDREN)
def test_hai_phong_communes_work_within_1155(reference, code):
    """000, 001 and 002 are a ward's or commune's documents under Quyết định 1155-QĐ/TU (003)."""
    assert profile(code).parent == profile("hai-phong-1155-2023")
    law = profile("luat-72-2025")  # issue 17: Luật 72/2025/QH15 is the root above every province's regulation
    assert profile("hai-phong-1155-2023").parent == law and profile("dien-bien").parent == law and law.parent is None


@pytest.mark.parametrize("code", CHILDREN)
def test_every_duty_both_layers_state_is_classified(reference, code):
    """Each pair of deadlines with the same code says whether it is the same duty or a different one."""
    parent_codes = {rule.code for rule in profile("hai-phong-1155-2023").deadlines.all()}
    for rule in profile(code).deadlines.all():
        if rule.code in parent_codes:
            assert rule.parent_relation in ("same", "different"), f"{code} {rule.code} is not classified"
        else:
            assert rule.parent_relation == "", f"{code} {rule.code}: nothing in 003 to compare with"


@pytest.mark.parametrize("code", CHILDREN)
def test_003_dieu_10_2_report_in_7_is_scheduled_beside_the_15_day_answer(reference, code):
    """003 Điều 10.2 (report and tell the petitioner within 7 working days) is a different duty from the
    15-working-day written answer (000 Bước 5; 001 II.6; 002 IV.3.2): both are scheduled."""
    answer = steps(code)["answer"]
    assert answer.due == D(2026, 4, 6) and not answer.citation.startswith("003")
    beside = [side for side in answer.side if side.citation == "003 Điều 10.2"]
    assert beside and beside[0].due == D(2026, 3, 25)
    assert "003 Điều 10.2" in answer.explanation()


def test_same_duty_stated_differently_the_earlier_date_binds(reference):
    """002 IV.1's 5 working days' notice and 003 Điều 8.1's 7: both shown, the earlier (003) binds."""
    announce = steps("tan-ky-2025")["announce"]
    assert (announce.due, announce.citation) == (D(2026, 2, 11), "003 Điều 8.1")
    own = [side for side in announce.side if side.citation == "002 IV.1"]
    assert own and own[0].due == D(2026, 2, 13)
    assert announce.layer_note


def test_an_administrator_records_which_prevails_and_why(reference):
    ParentPrecedence.objects.create(
        profile=profile("tan-ky-2025"), code="announce", prevails="own", reason="Thử: văn bản cấp xã", recorded_by="quantri"
    )
    announce = steps("tan-ky-2025")["announce"]
    assert (announce.due, announce.citation) == (D(2026, 2, 13), "002 IV.1")
    assert [side.citation for side in announce.side] == ["003 Điều 8.1"]
    assert "Thử: văn bản cấp xã" in announce.explanation()


def test_same_duty_with_the_same_date_keeps_the_unit_s_own_citation(reference):
    """000 Bước 4 and 003 Điều 10.1 both give 10 working days for the conclusion notice."""
    conclude = steps("hong-an-qt-vp12")["conclude"]
    assert conclude.citation.startswith("000 Bước 4")
    assert any(side.citation == "003 Điều 10.1" for side in conclude.side)


def test_a_rule_the_child_does_not_state_comes_from_the_parent_with_its_citation(reference):
    child = copy_profile(profile("hong-an-qt-vp12"), "thu-khong-thong-bao", "Thử")
    child.deadlines.filter(code="announce").delete()
    layer = layered_deadlines(child)["announce"]
    assert layer.inherited and layer.rule.citation == "003 Điều 8.1"
    announce = {step.code: step for step in plan_schedule(child, "periodic", AFTER_TET)}["announce"]
    assert (announce.due, announce.citation) == (D(2026, 2, 11), "003 Điều 8.1")
    assert announce.layer_note


@pytest.mark.parametrize("code", CHILDREN)
def test_minimum_of_one_periodic_dialogue_per_head_comes_from_003_dieu_5_2a(reference, code):
    """Correction: 002 II.3 only plans one dialogue in Q4/2025; 000 and 001 set no minimum; 003 Điều 5.2a does."""
    rule = layered_frequency(profile(code), "periodic")
    assert (rule.min_per_year, rule.citation) == (1, "003 Điều 5.2a")
    assert not profile(code).frequencies.filter(citation__startswith="002 II.3").exists()


def test_hong_an_gains_the_ward_chair_as_a_host_from_003(reference):
    """000 names only the Party Secretary; 003 Điều 2.1b, 7.5 add the Chủ tịch UBND phường."""
    rows = [rule for rule in layered_hosts(profile("hong-an-qt-vp12")) if rule.level in ("any", "commune")]
    chair = [rule for rule in rows if rule.position == "committee_chair"]
    assert chair and chair[0].citation.startswith("003 Điều 2.1b")
    secretary = [rule for rule in rows if rule.position == "secretary"]
    assert [rule.citation for rule in secretary] == ["000 mục 2; Bước 1"]  # the ward's own row, not 003's


def test_hong_an_plan_step_is_waived_for_ad_hoc_dialogues(reference):
    """Correction: 000 Bước 1 ties the 7 days to the invitations; 003 Điều 8.3 lets ad hoc dialogues skip them."""
    plan = steps("hong-an-qt-vp12", kind="ad_hoc")["plan"]
    assert plan.due is None and "000 Bước 1" in plan.waived_reason
    assert steps("hong-an-qt-vp12")["plan"].due == D(2026, 2, 11)


def test_hong_an_archive_rule_quotes_one_passage_and_the_anchor_has_its_own_citation(reference):
    """Correction: the 5.1 line and Bước 7 were quoted under one citation; each now has its own."""
    archive = profile("hong-an-qt-vp12").deadline("archive")
    assert (archive.citation, archive.quote) == ("000 Bước 7", "Hoàn thiện hồ sơ, thông báo kết quả (Tối đa 10 ngày làm việc)")
    anchor = profile("hong-an-qt-vp12").notes.get(citation="000 5.1 dòng 5")
    assert anchor.quote == "Chậm nhất 15 ngày làm việc sau khi nhận thông báo kết luận"


@pytest.mark.parametrize("code", ["gia-vien-2025", "tan-ky-2025"])
def test_2025_plans_bind_2025_only_then_the_city_s_regulation(reference, code):
    """001 and 002 are plans for 2025: a 2026 dialogue of the ward falls back to Hải Phòng's 1155."""
    assert profile(code).valid_to == D(2025, 12, 31)
    city = UnitFactory(code="C31", name="Thành phố Thử", level_id=_province())
    ward = UnitFactory(code="W31", name="Phường Thử", parent=city)
    ProfileBinding.objects.create(unit=city, profile=profile("hai-phong-1155-2023"), valid_from=D(2023, 10, 20))
    ProfileBinding.objects.create(unit=ward, profile=profile(code), valid_from=D(2025, 8, 6))
    assert profile_for(ward, D(2025, 11, 20)) == profile(code)
    assert binding_note(ward, D(2025, 11, 20)) == ""
    assert profile_for(ward, D(2026, 3, 2)) == profile("hai-phong-1155-2023")
    assert binding_for(ward, D(2026, 3, 2)).unit == city
    note = binding_note(ward, D(2026, 3, 2))
    assert "Phường Thử" in note and "Thành phố Thử" in note and "02/03/2026" in note


def test_no_binding_at_all_is_said(reference):
    assert binding_note(UnitFactory(), D(2026, 3, 2))


def test_profile_page_shows_the_layers_and_the_end_date(client, reference):
    client.force_login(member(Role.AGENCY_OFFICER, OrganizationFactory()))
    page = client.get("/quy-dinh/tan-ky-2025/").content.decode()
    assert 'id="valid-to"' in page and "31/12/2025" in page
    section = page[page.index('id="layers"') :]
    assert "003 Điều 10.2" in section and "003 Điều 8.1" in section and "003 Điều 5.2a" in section


def test_the_files_name_their_parent(reference):
    for code in SHIPPED_CODES:
        parent = read_profile_file(code).get("parent")
        assert parent is None or parent in SHIPPED_CODES


def _province():
    from organizations.models import AdministrativeLevel

    return AdministrativeLevel.objects.get(code="province").pk
