"""The public API: announced dialogues, sending an opinion (201/400/429, no login, no CSRF), tracking by code."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from portal.models import WebSubmission

from .public_helpers import announced, planned, sent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/public"


@pytest.fixture
def api():
    return Client(enforce_csrf_checks=True)  # a phone app has no CSRF cookie


@pytest.fixture
def opened(demo):
    return announced()


def post(api, body: dict):
    return api.post(f"{BASE}/opinions", json.dumps(body), content_type="application/json")


def body(**changes) -> dict:
    data = {
        "unit": "31-HONGAN",
        "content": "Đề nghị sửa cống thoát nước",
        "consent": True,
        "petitioner": {"kind": "person", "full_name": "Nguyễn Thị Ánh", "phone": "0987654321"},
    }
    data.update(changes)
    return data


def test_dialogues_are_only_the_announced_ones(api, opened):
    planned()
    response = api.get(f"{BASE}/dialogues")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["items"][0]["id"] == opened.pk
    assert data["items"][0]["hosts"] == [opened.hosts.first().person.full_name]


def test_dialogues_filter_by_unit_and_date(api, opened):
    assert api.get(f"{BASE}/dialogues", {"unit": "31-HONGAN"}).json()["count"] == 1
    assert api.get(f"{BASE}/dialogues", {"date_from": "2027-03-11"}).json()["count"] == 0
    assert api.get(f"{BASE}/dialogues", {"date_to": opened.date.isoformat()}).json()["count"] == 1
    unknown = api.get(f"{BASE}/dialogues", {"unit": "KHONG-CO"})
    assert unknown.status_code == 400 and "mã" in unknown.json()["message"]


def test_sending_returns_201_and_a_code(api, opened):
    response = post(api, body(dialogue=opened.pk))
    assert response.status_code == 201
    submission = WebSubmission.objects.get()
    assert response.json() == {"code": submission.code}
    assert submission.dialogue == opened and submission.full_name == "Nguyễn Thị Ánh"


def test_a_dialogue_alone_names_the_unit(api, opened):
    response = post(api, body(unit=None, dialogue=opened.pk))
    assert response.status_code == 201 and WebSubmission.objects.get().unit == opened.unit


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"consent": False}, "đồng ý"),
        ({"content": ""}, "trống"),
        ({"unit": None}, "địa phương"),
        ({"dialogue": 999999}, "hội nghị"),
        ({"petitioner": {"kind": "person", "full_name": "Ánh"}}, "số điện thoại"),
    ],
)
def test_bad_input_is_400_in_vietnamese_and_keeps_nothing(api, opened, changes, words):
    response = post(api, body(**changes))
    assert response.status_code == 400
    assert words in response.json()["message"]
    assert not WebSubmission.objects.exists()


def test_a_draft_dialogue_is_not_accepted(api, opened):
    response = post(api, body(dialogue=planned().pk))
    assert response.status_code == 400 and not WebSubmission.objects.exists()


def test_429_past_the_rate_limit(api, opened, settings):
    settings.RATELIMIT_PUBLIC_OPINION = "2/m"
    assert [post(api, body()).status_code for _ in range(2)] == [201, 201]
    response = post(api, body())
    assert response.status_code == 429 and "quá nhiều yêu cầu" in response.json()["message"]
    assert WebSubmission.objects.count() == 2


def test_tracking_by_code(api, opened):
    submission = sent()
    response = api.get(f"{BASE}/opinions/{submission.code}")
    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "pending" and data["unit"] == opened.unit.name and data["code"] == submission.code
    assert data["sent_on"] == timezone.localdate(submission.created_at).isoformat()


def test_unknown_code_is_404(api, opened):
    response = api.get(f"{BASE}/opinions/YK-KHONGCO1")
    assert response.status_code == 404 and response.json()["message"]


def test_public_endpoints_are_in_the_schema(api, opened):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {f"{BASE}/dialogues", f"{BASE}/opinions", f"{BASE}/opinions/{{code}}"} <= set(paths)
