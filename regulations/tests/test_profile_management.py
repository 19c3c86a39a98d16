"""Reading, copying and protecting profiles (issue: staff read rules with citations; a profile in use is not deleted)."""

import datetime

import pytest
from django.db.models import ProtectedError

from organizations.enums import Role
from organizations.tests.factories import OrganizationFactory, UnitFactory, member
from regulations.loading import copy_profile
from regulations.models import ProfileBinding, RegulationProfile, profile_for

pytestmark = pytest.mark.django_db


def test_staff_read_a_profile_as_a_table_with_citations(client, reference):
    client.force_login(member(Role.AGENCY_OFFICER, OrganizationFactory()))
    page = client.get("/quy-dinh/tan-ky-2025/").content.decode()
    assert "002 IV.1" in page
    assert "002 V.3" in page  # the contradiction note is shown
    assert 'data-code="announce"' in page
    listing = client.get("/quy-dinh/").content.decode()
    for code in ("hai-phong-1155-2023", "dien-bien", "hong-an-qt-vp12", "gia-vien-2025", "tan-ky-2025"):
        assert code in listing


def test_profiles_need_a_login(client, reference):
    response = client.get("/quy-dinh/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_copy_has_every_rule_and_can_be_edited(reference):
    source = RegulationProfile.objects.get(code="hai-phong-1155-2023")
    copy = copy_profile(source, "hai-phong-sua", "Hải Phòng (sửa đổi)")
    for relation in ("deadlines", "frequencies", "hosts", "reporting", "dossier", "notes"):
        assert getattr(copy, relation).count() == getattr(source, relation).count() > 0
    assert not copy.is_shipped and copy.copied_from == source
    rule = copy.deadlines.get(code="announce")
    rule.days = 10
    rule.save()
    assert source.deadlines.get(code="announce").days == 7


def test_profile_in_use_cannot_be_deleted(reference):
    profile = copy_profile(RegulationProfile.objects.get(code="dien-bien"), "db-copy", "Bản sao")
    ProfileBinding.objects.create(unit=UnitFactory(), profile=profile, valid_from=datetime.date(2026, 1, 1))
    with pytest.raises(ProtectedError):
        profile.delete()


def test_admin_copies_and_refuses_deleting_shipped_or_bound_profiles(client, reference, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    shipped = RegulationProfile.objects.get(code="gia-vien-2025")
    response = client.post(
        "/quan-tri/regulations/regulationprofile/", {"action": "copy_profiles", "_selected_action": [shipped.pk]}
    )
    assert response.status_code == 302
    copy = RegulationProfile.objects.get(code="gia-vien-2025-ban-sao-1")
    assert copy.deadlines.count() == shipped.deadlines.count()
    assert client.get(f"/quan-tri/regulations/regulationprofile/{shipped.pk}/delete/").status_code == 403
    ProfileBinding.objects.create(unit=UnitFactory(), profile=copy, valid_from=datetime.date(2026, 1, 1))
    assert client.get(f"/quan-tri/regulations/regulationprofile/{copy.pk}/delete/").status_code == 403
    change = client.get(f"/quan-tri/regulations/regulationprofile/{shipped.pk}/change/").content.decode()
    assert 'name="deadlines-0-days"' not in change, "a shipped profile's rules are read-only"
    change = client.get(f"/quan-tri/regulations/regulationprofile/{copy.pk}/change/").content.decode()
    assert 'name="deadlines-0-days"' in change


def test_unit_follows_its_own_binding_else_its_parent_s(reference):
    city = UnitFactory(code="C")
    ward = UnitFactory(code="W", parent=city)
    city_profile = RegulationProfile.objects.get(code="hai-phong-1155-2023")
    ward_profile = RegulationProfile.objects.get(code="hong-an-qt-vp12")
    ProfileBinding.objects.create(unit=city, profile=city_profile, valid_from=datetime.date(2023, 10, 20))
    ProfileBinding.objects.create(unit=ward, profile=ward_profile, valid_from=datetime.date(2026, 4, 6))
    assert profile_for(ward, datetime.date(2026, 1, 1)) == city_profile
    assert profile_for(ward, datetime.date(2026, 5, 1)) == ward_profile


def test_overlapping_bindings_are_refused(reference):
    from django.core.exceptions import ValidationError

    unit = UnitFactory()
    profile = RegulationProfile.objects.get(code="dien-bien")
    ProfileBinding.objects.create(unit=unit, profile=profile, valid_from=datetime.date(2025, 1, 1))
    overlapping = ProfileBinding(unit=unit, profile=profile, valid_from=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        overlapping.full_clean()
