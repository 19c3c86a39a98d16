"""Issue 12: the planning screen says when a unit follows its parent unit's regulation on that date."""

import pytest
from django.contrib.auth.models import User

from organizations.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def preview(client, unit, date):
    client.force_login(User.objects.get(username="vanphong"))
    return client.get("/doi-thoai/moi/lich-du-kien/", {"unit": unit.pk, "date": date, "kind": "periodic"}).content.decode()


def test_before_qt_vp12_hong_an_follows_the_city_s_1155_and_the_screen_says_so(client, demo):
    """000 is issued on 06/4/2026; a dialogue on 02/03/2026 falls under Hải Phòng's 1155 (003)."""
    hong_an = AdministrativeUnit.objects.get(code="31-HONGAN")
    page = preview(client, hong_an, "2026-03-02")
    assert 'id="binding-note"' in page and "Thành phố Hải Phòng" in page and "02/03/2026" in page


def test_with_its_own_regulation_there_is_no_fallback_note(client, demo):
    hong_an = AdministrativeUnit.objects.get(code="31-HONGAN")
    page = preview(client, hong_an, "2027-03-10")
    assert 'id="binding-note"' not in page and "QT-VP.12" in page
