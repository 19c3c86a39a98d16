"""/api/v1/dialogues with the same permissions as the screens; errors are JSON with a message, never 500."""

import datetime

import pytest
from django.contrib.auth.models import User

from common.tests.clock import today_is

from .factories import head, make_dialogue

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def payload(**overrides):
    data = {
        "unit": "31-HONGAN",
        "title": "Đối thoại qua API",
        "kind": "periodic",
        "date": "2027-03-10",
        "hosts": [{"appointment": head("31-HONGAN").pk}],
        "venue": "Hội trường",
    }
    data.update(overrides)
    return data


def test_anonymous_gets_401_json(client, demo):
    response = client.get("/api/v1/dialogues")
    assert response.status_code == 401 and response.json()["message"]


def test_create_read_and_schedule(client, demo):
    login(client, "vanphong")
    response = client.post("/api/v1/dialogues", payload(), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["profile"] == "hong-an-qt-vp12" and body["advising_office"] == "ha-vpdu" and body["status"] == "planned"
    schedule = client.get(f"/api/v1/dialogues/{body['id']}/schedule").json()
    announce = next(step for step in schedule if step["code"] == "announce")
    assert announce["due"] == "2027-02-26" and announce["citation"].startswith("000")
    assert client.get(f"/api/v1/dialogues/{body['id']}").json()["title"] == "Đối thoại qua API"


@pytest.mark.parametrize(
    "overrides, fragment",
    [
        ({"kind": "weekly"}, "kind"),
        ({"kind": "thematic"}, "chủ đề"),
        ({"kind": "ad_hoc"}, "đột xuất"),
        ({"form": "online"}, "meeting_link"),
        ({"unit": "khong-co"}, "Không có đơn vị"),
        ({"hosts": [{"appointment": 999999}]}, "chủ trì"),
        ({"hosts": []}, "chủ trì"),
        ({"date": "2027-02-30"}, "date"),
        ({"date": "2026-06-03"}, "thông báo"),
    ],
)
def test_bad_create_is_400_with_a_message(client, demo, overrides, fragment):
    login(client, "vanphong")
    response = client.post("/api/v1/dialogues", payload(**overrides), content_type="application/json")
    assert response.status_code == 400, response.content
    assert fragment.lower() in response.json()["message"].lower()


def test_agency_officer_cannot_create_or_transition(client, demo):
    login(client, "canbo")
    assert client.post("/api/v1/dialogues", payload(), content_type="application/json").status_code == 403
    dialogue = make_dialogue()
    response = client.post(
        f"/api/v1/dialogues/{dialogue.pk}/transitions", {"action": "announce"}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["message"]
    assert client.get(f"/api/v1/dialogues/{dialogue.pk}").status_code == 200


def test_other_unit_is_404(client, demo):
    dialogue = make_dialogue("31-TANKY", user=User.objects.get(username="quantri"))
    login(client, "vanphong")
    assert client.get(f"/api/v1/dialogues/{dialogue.pk}").status_code == 404
    assert client.get(f"/api/v1/dialogues/{dialogue.pk}/schedule").status_code == 404
    assert [d["id"] for d in client.get("/api/v1/dialogues").json()["items"]] == []


def test_transitions_are_guarded(client, demo, monkeypatch):
    dialogue = make_dialogue()
    today_is(monkeypatch, datetime.date(2027, 3, 10))
    login(client, "vanphong")
    url = f"/api/v1/dialogues/{dialogue.pk}/transitions"
    response = client.post(url, {"action": "hold", "on": "2027-03-10"}, content_type="application/json")
    assert response.status_code == 400 and "thông báo" in response.json()["message"]
    assert (
        client.post(url, {"action": "announce", "on": "2027-02-20"}, content_type="application/json").json()["status"]
        == "announced"
    )
    assert client.post(url, {"action": "hold", "on": "2027-03-10"}, content_type="application/json").json()["status"] == "held"
    assert client.post(url, {"action": "fly"}, content_type="application/json").status_code == 400
    assert client.post(url, {"action": "cancel", "reason": "x"}, content_type="application/json").status_code == 400


def test_update_and_reschedule_by_patch(client, demo):
    dialogue = make_dialogue()
    login(client, "vanphong")
    url = f"/api/v1/dialogues/{dialogue.pk}"
    response = client.patch(url, {"venue": "Nhà văn hóa tổ dân phố 1"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["venue"] == "Nhà văn hóa tổ dân phố 1"
    response = client.patch(url, {"date": "2027-04-14"}, content_type="application/json")
    assert response.status_code == 400 and "lý do" in response.json()["message"]
    response = client.patch(url, {"date": "2027-04-14", "reason": "Trùng lịch"}, content_type="application/json")
    assert response.json()["date"] == "2027-04-14"
    response = client.patch(url, {"start_time": "12:00", "end_time": "11:00"}, content_type="application/json")
    assert response.status_code == 400


def test_filters_and_bad_filter(client, demo):
    make_dialogue(title="A")
    make_dialogue(title="B", kind="thematic")
    login(client, "captren")
    assert [d["title"] for d in client.get("/api/v1/dialogues", {"kind": "thematic"}).json()["items"]] == ["B"]
    assert client.get("/api/v1/dialogues", {"kind": "x"}).status_code == 400
    assert client.get("/api/v1/dialogues", {"year": "abc"}).status_code == 400


def test_schema_lists_the_dialogue_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/dialogues",
        "/api/v1/dialogues/{pk}",
        "/api/v1/dialogues/{pk}/transitions",
        "/api/v1/dialogues/{pk}/schedule",
    } <= set(paths)


def test_a_future_date_is_refused_by_the_api_too(client, demo, monkeypatch):
    """Issue 11 finding 3: the same check as the screens — a 400 with the Vietnamese message, nothing written."""
    dialogue = make_dialogue()
    today_is(monkeypatch, datetime.date(2027, 2, 20))
    login(client, "vanphong")
    url = f"/api/v1/dialogues/{dialogue.pk}/transitions"
    response = client.post(url, {"action": "announce", "on": "2027-02-21"}, content_type="application/json")
    assert response.status_code == 400 and "không được sau ngày hôm nay (20/02/2027)" in response.json()["message"]
    dialogue.refresh_from_db()
    assert dialogue.status == "planned"
