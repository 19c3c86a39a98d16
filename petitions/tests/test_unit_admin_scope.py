"""The demo administrator of Hải Phòng (`quantri`, no longer a superuser) cannot read or create opinions
of Điện Biên — on the screens, in the import or through the API — and nothing is written."""

import datetime

import pytest

from organizations.models import AdministrativeUnit
from petitions import casework
from petitions.enums import Channel
from petitions.models import PersonalDataAccess, Petition

from .helpers import person, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dien_bien_petition(demo):
    unit = AdministrativeUnit.objects.get(code="11")
    opinion = casework.Opinion("Đề nghị sửa đường lên bản Mường Phăng")
    return casework.receive(None, unit, opinion, Channel.LETTER, person("Lò Thị Xuân"), datetime.date(2026, 11, 2))


@pytest.fixture
def quantri(client, demo):
    client.force_login(user("quantri"))
    return client


def test_quantri_cannot_read_dien_bien_opinions(quantri, dien_bien_petition):
    assert not user("quantri").is_superuser
    assert quantri.get(f"/y-kien/vu-viec/{dien_bien_petition.case_id}/").status_code == 404
    assert quantri.get(f"/api/v1/petitions/{dien_bien_petition.pk}").status_code == 404
    listing = quantri.get("/api/v1/petitions").json()["items"]
    assert dien_bien_petition.tracking_code not in {item["tracking_code"] for item in listing}
    assert "Lò Thị Xuân" not in quantri.get("/y-kien/").content.decode()
    assert not PersonalDataAccess.objects.exists()


def test_quantri_cannot_create_dien_bien_opinions(quantri, dien_bien_petition):
    before = Petition.objects.count()
    response = quantri.post(
        "/api/v1/petitions",
        {"unit": "11", "content": "Ý kiến giả", "channel": "letter", "petitioner": {"kind": "person", "full_name": "X"}},
        content_type="application/json",
    )
    assert response.status_code == 403
    form = quantri.post(
        "/y-kien/tiep-nhan/",
        {
            "unit": AdministrativeUnit.objects.get(code="11").pk,
            "channel": "letter",
            "received_on": "2026-11-02",
            "content": "Ý kiến giả",
            "kind": "person",
            "full_name": "X",
        },
    )
    assert form.status_code == 400 and "unit" in form.context["form"].errors
    assert Petition.objects.count() == before


def test_quantri_still_works_in_its_own_subtree(quantri):
    response = quantri.post(
        "/api/v1/petitions",
        {"unit": "31-HONGAN", "content": "Đề nghị sửa đèn ngõ 4", "channel": "letter"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
