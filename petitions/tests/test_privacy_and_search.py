"""Personal data seen only by the advising office and the assigned agency, every view logged; search ignores accents."""

import pytest

from petitions.models import PersonalDataAccess
from petitions.views import filtered_cases

from .helpers import assigned, receive, user

pytestmark = pytest.mark.django_db


def page(client, username, case):
    client.force_login(user(username))
    return client.get(f"/y-kien/vu-viec/{case.pk}/").content.decode()


def test_advising_office_sees_the_petitioner_and_the_view_is_logged(client, demo):
    case = receive().case
    assert "Trần Văn Bình" in page(client, "vanphong", case)
    access = PersonalDataAccess.objects.get()
    assert access.user.username == "vanphong" and access.petitioner.full_name == "Trần Văn Bình"


@pytest.mark.parametrize("username", ["mattran", "captren", "thuky", "chutri", "canbo"])
def test_others_see_the_content_without_the_petitioner(client, demo, username):
    case = receive().case
    html = page(client, username, case)
    assert "ngõ 12 Lê Lợi" in html
    assert "Trần Văn Bình" not in html and "0912000111" not in html
    assert not PersonalDataAccess.objects.exists()


def test_the_assigned_agency_sees_the_petitioner(client, demo):
    case = assigned()
    assert "Trần Văn Bình" in page(client, "canbo", case)
    assert PersonalDataAccess.objects.filter(user__username="canbo").count() == 1


def test_api_hides_the_petitioner_from_others(client, demo):
    petition = receive()
    client.force_login(user("mattran"))
    assert client.get(f"/api/v1/petitions/{petition.pk}").json()["petitioner"] is None
    client.force_login(user("vanphong"))
    assert client.get(f"/api/v1/petitions/{petition.pk}").json()["petitioner"]["name"] == "Trần Văn Bình"


def test_tracking_page_is_public_and_shows_no_personal_data(client, demo):
    petition = receive()
    html = client.get("/tra-cuu/", {"ma": petition.tracking_code.lower()}).content.decode()
    assert "Đã tiếp nhận" in html or "tracked-status" in html
    assert "Trần Văn Bình" not in html and "ngõ 12" not in html


def test_search_without_accents_finds_accented_text(demo):
    receive("Tranh chấp đất đai ở tổ dân phố số 5")
    receive("Đèn đường hỏng")
    cases, _ = filtered_cases(user("vanphong"), {"q": "dat dai"})
    assert [case.summary for case in cases] == ["Tranh chấp đất đai ở tổ dân phố số 5"]
    cases, _ = filtered_cases(user("vanphong"), {"q": "ĐẤT ĐAI"})
    assert cases.count() == 1


def test_search_by_tracking_code(demo):
    petition = receive()
    cases, _ = filtered_cases(user("vanphong"), {"q": petition.tracking_code})
    assert list(cases) == [petition.case]


def test_other_units_see_nothing(client, demo):
    case = receive().case
    client.force_login(user("quantri"))
    assert client.get(f"/y-kien/vu-viec/{case.pk}/").status_code == 200
    from organizations.models import Membership, Organization

    other = user("canbo")
    Membership.objects.filter(user=other).update(organization=Organization.objects.get(code="tk-pkt"))
    client.force_login(other)
    assert client.get(f"/y-kien/vu-viec/{case.pk}/").status_code == 404
