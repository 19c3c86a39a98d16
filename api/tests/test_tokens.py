"""API tokens for machine clients: scoped to a unit and below, read-only unless granted, revocable, use recorded."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client

from api import tokens
from api.models import ApiToken
from audit.models import SecurityEvent
from dialogues.tests.factories import make_dialogue
from organizations.models import Organization
from petitions.models import Petition

from .helpers import bearer, petition_payload, token_for, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogues(demo):
    """One dialogue in Hồng An (Hải Phòng) and one in Mường Phăng (Điện Biên)."""
    admin = user("quantri")
    admin.is_superuser = True  # only to plan in Điện Biên, outside the demo administrator's scope
    office = Organization.objects.get(code="mp-vpdu")
    return make_dialogue("31-HONGAN"), make_dialogue("11-MUONGPHANG", user=admin, advising_office=office)


def test_read_only_token_lists_its_subtree_only(dialogues):
    hong_an, muong_phang = dialogues
    _token, secret = token_for("hp-vptu")  # Văn phòng Thành ủy Hải Phòng: Hải Phòng and its communes
    response = Client().get("/api/v1/dialogues", **bearer(secret))
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    assert hong_an.pk in ids and muong_phang.pk not in ids
    assert Client().get(f"/api/v1/dialogues/{muong_phang.pk}", **bearer(secret)).status_code == 404


def test_read_only_token_cannot_write(dialogues):
    hong_an, _ = dialogues
    _token, secret = token_for("ha-vpdu")
    response = Client().post("/api/v1/petitions", petition_payload(), content_type="application/json", **bearer(secret))
    assert response.status_code == 403 and "chỉ được đọc" in response.json()["message"]
    response = Client().patch(
        f"/api/v1/dialogues/{hong_an.pk}", {"venue": "Nơi khác"}, content_type="application/json", **bearer(secret)
    )
    assert response.status_code == 403
    hong_an.refresh_from_db()
    assert Petition.objects.count() == 0 and hong_an.venue != "Nơi khác"


def test_write_token_writes_in_its_own_unit_without_csrf(demo):
    _token, secret = token_for("ha-vpdu", can_write=True)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/petitions", petition_payload(), content_type="application/json", **bearer(secret))
    assert response.status_code == 201, response.content
    petition = Petition.objects.get()
    assert petition.unit.code == "31-HONGAN"


def test_write_token_cannot_write_in_another_unit(demo):
    _token, secret = token_for("ha-vpdu", can_write=True)
    response = Client().post(
        "/api/v1/petitions", petition_payload("31-TANKY"), content_type="application/json", **bearer(secret)
    )
    assert response.status_code == 403
    assert Petition.objects.count() == 0


def test_write_token_of_an_upper_level_cannot_write_below_it(demo):
    _token, secret = token_for("hp-vptu", can_write=True)
    response = Client().post("/api/v1/petitions", petition_payload(), content_type="application/json", **bearer(secret))
    assert response.status_code == 403
    assert Petition.objects.count() == 0


def test_revoked_token_is_401(demo):
    token, secret = token_for("hp-vptu")
    assert Client().get("/api/v1/dialogues", **bearer(secret)).status_code == 200
    tokens.revoke(token, user("quantri"))
    response = Client().get("/api/v1/dialogues", **bearer(secret))
    assert response.status_code == 401 and "thu hồi" in response.json()["message"]
    assert not User.objects.get(pk=token.user_id).is_active


def test_unknown_token_is_401_even_with_a_session(demo):
    client = Client()
    client.force_login(user("vanphong"))
    response = client.get("/api/v1/dialogues", **bearer("dt_khong-phai-ma-that"))
    assert response.status_code == 401


def test_last_use_is_recorded_with_time_and_address(demo):
    token, secret = token_for("hp-vptu")
    assert token.last_used_at is None
    Client().get("/api/v1/dialogues", REMOTE_ADDR="203.0.113.7", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_ip == "203.0.113.7"
    event = SecurityEvent.objects.get(event="token.used")
    assert event.user_id == token.user_id and event.ip == "203.0.113.7"


def test_only_the_digest_is_stored(demo):
    token, secret = token_for("hp-vptu")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in {stored.digest, stored.prefix} and stored.digest == tokens.digest(secret)
    assert secret.startswith(stored.prefix) and not stored.user.has_usable_password()


def test_only_an_administrator_of_the_unit_issues_tokens(demo):
    with pytest.raises(PermissionDenied):
        tokens.issue(user("vanphong"), name="Tự cấp", organization=Organization.objects.get(code="ha-vpdu"), can_write=True)
    with pytest.raises(PermissionDenied):  # the Hải Phòng administrator has no say in Điện Biên
        tokens.issue(user("quantri"), name="Ngoài phạm vi", organization=Organization.objects.get(code="mp-vpdu"))
    assert ApiToken.objects.count() == 0


def test_only_an_administrator_of_the_unit_revokes(demo):
    token, secret = token_for("ha-vpdu")
    with pytest.raises(PermissionDenied):
        tokens.revoke(token, user("vanphong"))
    assert Client().get("/api/v1/dialogues", **bearer(secret)).status_code == 200


def test_admin_issues_and_shows_the_secret_once(demo, settings):
    settings.REQUIRE_2FA_FOR_ADMINS = False  # the second factor has its own tests; here: the token pages
    admin = user("quantri")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client = Client()
    client.force_login(admin)
    organization = Organization.objects.get(code="hp-vptu")
    response = client.post(
        "/quan-tri/api/apitoken/add/", {"name": "Phần mềm theo dõi", "organization": organization.pk, "can_write": ""}
    )
    assert response.status_code == 200, response.content[:500]
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert tokens.digest(secret) == token.digest and not token.can_write
    assert "no-store" in response["Cache-Control"]
    page = client.get(f"/quan-tri/api/apitoken/{token.pk}/change/").content.decode()
    assert secret not in page and token.prefix in page
