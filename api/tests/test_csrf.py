"""Finding 5: a session may change data through the API only with the CSRF token; nothing is written otherwise."""

import pytest

from petitions.models import Petition

from .helpers import petition_payload, session_client, with_csrf

pytestmark = pytest.mark.django_db


def test_cross_site_text_plain_post_with_the_cookie_is_403_and_writes_nothing(demo):
    client = session_client("vanphong")
    body = '{"unit": "31-HONGAN", "content": "Giả mạo", "channel": "front"}'
    response = client.post("/api/v1/petitions", body, content_type="text/plain", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"] and "tải lại trang" in response.json()["message"]
    assert Petition.objects.count() == 0


def test_json_post_without_the_token_is_403_and_writes_nothing(demo):
    client = session_client("vanphong")
    response = client.post("/api/v1/petitions", petition_payload(), content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["message"]
    assert Petition.objects.count() == 0


def test_wrong_token_is_403(demo):
    client = session_client("vanphong")
    with_csrf(client)
    response = client.post(
        "/api/v1/petitions", petition_payload(), content_type="application/json", HTTP_X_CSRFTOKEN="Z" * 32
    )
    assert response.status_code == 403
    assert Petition.objects.count() == 0


def test_patch_without_the_token_is_403_and_changes_nothing(demo):
    from dialogues.tests.factories import make_dialogue

    dialogue = make_dialogue()
    client = session_client("vanphong")
    response = client.patch(f"/api/v1/dialogues/{dialogue.pk}", {"venue": "Nơi khác"}, content_type="application/json")
    assert response.status_code == 403
    dialogue.refresh_from_db()
    assert dialogue.venue != "Nơi khác"


def test_with_the_token_the_post_works(demo):
    client = session_client("vanphong")
    response = client.post("/api/v1/petitions", petition_payload(), content_type="application/json", **with_csrf(client))
    assert response.status_code == 201, response.content
    assert Petition.objects.get().content == "Đề nghị lắp đèn chiếu sáng ngõ 5"


def test_reading_needs_no_token(demo):
    assert session_client("vanphong").get("/api/v1/dialogues").status_code == 200


def test_anonymous_post_is_401_not_a_csrf_error(demo):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/api/v1/petitions", petition_payload(), content_type="application/json")
    assert response.status_code == 401 and response.json()["message"]
    assert Petition.objects.count() == 0
