"""Issue 12: each host kind resolves to its own advising office (004 Điều 2.1, 7.1-7.6; 003 Điều 2.1, 7.1-7.5).

The office is found by its kind and the body it belongs to (its parent organisation), never by taking
the first office of a kind: Điện Biên has two `pc_office` bodies at province level.
"""

import pytest

from dialogues.hosts import advising_office_for, host_positions
from organizations.models import AdministrativeLevel, OrganizationKind
from organizations.tests.factories import OrganizationFactory, UnitFactory
from regulations.models import RegulationProfile

pytestmark = pytest.mark.django_db


def org(unit, kind, name, parent=None):
    return OrganizationFactory(unit=unit, kind=OrganizationKind.objects.get(code=kind), name=name, parent=parent)


def unit_at(level, name):
    return UnitFactory(name=name, level=AdministrativeLevel.objects.get(code=level))


@pytest.fixture
def dien_bien_province(reference):
    """Tỉnh Điện Biên with the pc_office of the HĐND created FIRST (lowest id), as in the demo."""
    unit = unit_at("province", "Tỉnh Thử Điện Biên")
    tinh_uy = org(unit, "party_committee", "Tỉnh ủy")
    hdnd = org(unit, "peoples_council", "HĐND tỉnh")
    ubnd = org(unit, "peoples_committee", "UBND tỉnh")
    offices = {
        "vptu": org(unit, "party_office", "Văn phòng Tỉnh ủy", tinh_uy),
        "vp_hdnd": org(unit, "pc_office", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", hdnd),
        "vp_ubnd": org(unit, "pc_office", "Văn phòng UBND tỉnh", ubnd),
    }
    return unit, offices


def advising(code, unit, positions):
    return advising_office_for(RegulationProfile.objects.get(code=code), unit, positions)


def test_004_dieu_7_1_provincial_secretary_is_advised_by_the_party_office(dien_bien_province):
    unit, offices = dien_bien_province
    choice = advising("dien-bien", unit, ["secretary"])
    assert choice.office == offices["vptu"] and "Điều 7.1" in choice.citation


def test_004_dieu_7_2_council_chair_has_the_council_s_office(dien_bien_province):
    unit, offices = dien_bien_province
    choice = advising("dien-bien", unit, ["council_chair"])
    assert choice.office == offices["vp_hdnd"] and "Điều 7.2" in choice.citation


def test_004_dieu_7_2_committee_chair_has_the_committee_s_office_not_the_first_pc_office(dien_bien_province):
    unit, offices = dien_bien_province
    assert offices["vp_hdnd"].pk < offices["vp_ubnd"].pk  # the old code returned this first row
    choice = advising("dien-bien", unit, ["committee_chair"])
    assert choice.office == offices["vp_ubnd"] and not choice.needs_choice


@pytest.mark.parametrize("position", ["department_head", "front_chair", "mass_org_head"])
def test_004_dieu_7_3_heads_of_departments_front_and_mass_organisations_name_their_own(dien_bien_province, position):
    unit, _ = dien_bien_province
    assert position in host_positions(RegulationProfile.objects.get(code="dien-bien"), unit)  # 004 Điều 2.1c
    choice = advising("dien-bien", unit, [position])
    assert choice.office is None and choice.needs_choice and "Điều 7.3" in choice.citation


def test_004_dieu_7_4_and_7_5_district_offices(reference):
    unit = unit_at("district", "Huyện Thử")
    huyen_uy = org(unit, "party_committee", "Huyện ủy")
    ubnd = org(unit, "peoples_committee", "UBND huyện")
    vphu = org(unit, "party_office", "Văn phòng Huyện ủy", huyen_uy)
    combined = org(unit, "pc_office", "Văn phòng HĐND và UBND huyện", ubnd)
    assert advising("dien-bien", unit, ["secretary"]).office == vphu
    for position in ("council_chair", "committee_chair"):  # one office serves both (Điều 7.5)
        choice = advising("dien-bien", unit, [position])
        assert choice.office == combined and "Điều 7.5" in choice.citation


@pytest.mark.parametrize("position", ["secretary", "council_chair", "committee_chair"])
def test_004_dieu_7_6_commune_heads_assign_a_section(reference, position):
    unit = unit_at("commune", "Xã Thử")
    org(unit, "party_office", "Văn phòng Đảng ủy xã", org(unit, "party_committee", "Đảng ủy xã"))
    choice = advising("dien-bien", unit, [position])
    assert choice.office is None and choice.needs_choice and "Điều 7.6" in choice.citation


def test_004_dieu_2_1_hosts_by_level(dien_bien_province):
    unit, _ = dien_bien_province
    profile = RegulationProfile.objects.get(code="dien-bien")
    assert set(host_positions(profile, unit)) >= {"secretary", "council_chair", "committee_chair"}
    assert set(host_positions(profile, unit_at("commune", "Xã Thử 2"))) == {"secretary", "council_chair", "committee_chair"}


def test_003_dieu_7_1_and_7_2_city_secretary_and_chair(reference):
    unit = unit_at("province", "Thành phố Thử")
    thanh_uy = org(unit, "party_committee", "Thành ủy")
    ubnd = org(unit, "peoples_committee", "UBND thành phố")
    vptu = org(unit, "party_office", "Văn phòng Thành ủy", thanh_uy)
    vpubnd = org(unit, "pc_office", "Văn phòng UBND thành phố", ubnd)
    assert advising("hai-phong-1155-2023", unit, ["secretary"]).office == vptu
    chair = advising("hai-phong-1155-2023", unit, ["committee_chair"])
    assert chair.office == vpubnd and "Điều 7.2" in chair.citation


def test_003_dieu_7_3_and_7_4_district(reference):
    unit = unit_at("district", "Quận Thử")
    vpqu = org(unit, "party_office", "Văn phòng Quận ủy", org(unit, "party_committee", "Quận ủy"))
    vp = org(unit, "pc_office", "Văn phòng HĐND và UBND quận", org(unit, "peoples_committee", "UBND quận"))
    assert advising("hai-phong-1155-2023", unit, ["secretary"]).office == vpqu
    assert advising("hai-phong-1155-2023", unit, ["committee_chair"]).office == vp


@pytest.mark.parametrize("position", ["secretary", "committee_chair"])
def test_003_dieu_7_5_commune_heads_assign_a_section(reference, position):
    unit = unit_at("commune", "Phường Thử")
    choice = advising("hai-phong-1155-2023", unit, [position])
    assert choice.office is None and choice.needs_choice and "Điều 7.5" in choice.citation


def test_two_offices_of_a_kind_and_neither_marked_means_someone_chooses(reference):
    """Never the first row: two unmarked party offices leave the choice to the staff."""
    unit = unit_at("province", "Tỉnh Thử Hai Văn Phòng")
    org(unit, "party_office", "Văn phòng A")
    org(unit, "party_office", "Văn phòng B")
    choice = advising("dien-bien", unit, ["secretary"])
    assert choice.office is None and choice.needs_choice
