"""Public HTTP API for working days (issue: /api/v1/workdays/after|before, 400 on bad input, OpenAPI)."""

import pytest

pytestmark = pytest.mark.django_db


def test_after_answers_date_and_skipped(client, reference):
    response = client.get("/api/v1/workdays/after", {"date": "2025-12-31", "days": "1"})
    assert response.status_code == 200
    body = response.json()
    assert body["date"] == "2026-01-05"
    assert [item["date"] for item in body["skipped"]] == ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]
    assert body["skipped"][0]["reason"] == "Tết Dương lịch"


def test_before_needs_no_login(client, reference):
    response = client.get("/api/v1/workdays/before", {"date": "2026-02-23", "days": "7"})
    assert response.status_code == 200
    assert response.json()["date"] == "2026-02-04"


@pytest.mark.parametrize(
    "params",
    [
        {"date": "2026-02-30", "days": "1"},
        {"date": "hôm nay", "days": "1"},
        {"date": "2026-01-05", "days": "0"},
        {"date": "2026-01-05", "days": "mười"},
        {"date": "2026-01-05", "days": "99999999999999999999"},
        {"date": "9999-12-31", "days": "5"},
        {"days": "5"},
        {"date": "2026-01-05"},
        {},
    ],
)
def test_bad_input_is_400_with_message(client, reference, params):
    for direction in ("after", "before"):
        response = client.get(f"/api/v1/workdays/{direction}", params)
        assert response.status_code == 400, (direction, params, response.content)
        assert response.json()["message"]


def test_openapi_schema_lists_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/workdays/after" in schema["paths"]
    assert "/api/v1/workdays/before" in schema["paths"]


def test_readable_docs_are_served(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
