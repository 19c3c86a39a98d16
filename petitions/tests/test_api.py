"""/api/v1/petitions: create, list, read, classify, group, assign, answer, approve — same permissions as the screens."""

import pytest

from .helpers import receive, user

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(user(username))
    return client


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_the_whole_path_through_the_api(client, demo):
    login(client, "vanphong")
    created = post(
        client,
        "/api/v1/petitions",
        {
            "unit": "31-HONGAN",
            "content": "Đề nghị sửa cống thoát nước tổ 3",
            "channel": "front",
            "petitioner": {"kind": "person", "full_name": "Vũ Văn G"},
        },
    )
    assert created.status_code == 201, created.content
    first = created.json()
    second = post(client, "/api/v1/petitions", {"unit": "31-HONGAN", "content": "Cống tổ 3 bị tắc", "channel": "letter"}).json()
    grouped = post(client, f"/api/v1/petitions/{first['id']}/group", {"others": [second["id"]]}).json()
    assert grouped["grouped_with"] == [second["tracking_code"]]
    classified = post(client, f"/api/v1/petitions/{first['id']}/classify", {"field": "kinh_te", "jurisdiction": "within"}).json()
    assert classified["status"] == "classified"
    assigned = post(client, f"/api/v1/petitions/{first['id']}/assign", {"agency": "ha-pkt", "due": "2026-12-20"}).json()
    assert assigned["agency"] == "ha-pkt"
    assert post(client, f"/api/v1/petitions/{first['id']}/answer", {"outcome": "resolved", "answer": "x"}).status_code == 403
    login(client, "canbo")
    assert (
        post(client, f"/api/v1/petitions/{first['id']}/answer", {"outcome": "resolved", "answer": "Đã nạo vét."}).status_code
        == 200
    )
    assert post(client, f"/api/v1/petitions/{first['id']}/approve").status_code == 403
    login(client, "lanhdao")
    approved = post(client, f"/api/v1/petitions/{second['id']}/approve").json()
    assert approved["status"] == "closed" and approved["answer"] == "Đã nạo vét."


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"unit": "31-HONGAN", "content": "", "channel": "front"}, "trống"),
        ({"unit": "31-HONGAN", "content": "x", "channel": "pigeon"}, "Kênh"),
        ({"unit": "khong-co", "content": "x", "channel": "front"}, "đơn vị"),
        ({"unit": "31-HONGAN", "content": "x", "channel": "front", "field": "thien_van"}, "Lĩnh vực"),
        ({"unit": "31-HONGAN", "content": "x", "channel": "front", "received_on": "2026-13-01"}, "received_on"),
        ({"unit": "31-HONGAN", "content": "x", "channel": "front", "petitioner": {"kind": "person"}}, "tên"),
    ],
)
def test_bad_input_is_400_with_a_message(client, demo, data, fragment):
    response = post(login(client, "vanphong"), "/api/v1/petitions", data)
    assert response.status_code == 400, response.content
    assert fragment.lower() in response.json()["message"].lower()


def test_permissions(client, demo):
    petition = receive()
    assert (
        post(login(client, "mattran"), "/api/v1/petitions", {"unit": "31-HONGAN", "content": "x", "channel": "front"}).status_code
        == 403
    )
    assert post(client, f"/api/v1/petitions/{petition.pk}/classify", {"jurisdiction": "within"}).status_code == 403
    assert client.get(f"/api/v1/petitions/{petition.pk}").status_code == 200
    client.logout()
    assert client.get("/api/v1/petitions").status_code == 401


def test_list_filters_and_accent_free_search(client, demo):
    receive("Tranh chấp đất đai ở tổ 5")
    receive("Đèn đường hỏng ở ngõ 8")
    login(client, "vanphong")
    found = client.get("/api/v1/petitions", {"q": "dat dai"}).json()["items"]
    assert [item["content"] for item in found] == ["Tranh chấp đất đai ở tổ 5"]
    assert client.get("/api/v1/petitions", {"channel": "letter"}).json()["count"] == 2
    assert client.get("/api/v1/petitions", {"channel": "front"}).json() == {"count": 0, "items": []}
