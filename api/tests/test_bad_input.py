"""Finding 6: bad input is a 400 with a Vietnamese message and changes nothing — on SQLite and on PostgreSQL."""

import pytest
from django.test import Client

from dialogues.models import Dialogue
from dialogues.tests.factories import head, make_dialogue
from petitions.models import Petition, Petitioner
from petitions.tests.helpers import receive

from .helpers import petition_payload, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(demo):
    client = Client()
    client.force_login(user("vanphong"))
    return client


def snapshot(dialogue: Dialogue) -> dict:
    return {field.name: getattr(dialogue, field.attname) for field in Dialogue._meta.concrete_fields}


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"title": None}, "title", "chuỗi"),
        ({"title": ""}, "title", "để trống"),
        ({"title": "Đ" * 100_000}, "title", "dài quá 300"),
        ({"title": "Hội nghị\x00"}, "title", "NUL"),
        ({"description": None}, "description", "chuỗi"),
        ({"expected_citizens": -5}, "expected_citizens", "từ 0"),
        ({"expected_citizens": 2**40}, "expected_citizens", "không được lớn hơn"),
        ({"expected_citizens": "nhiều"}, "expected_citizens", "số nguyên"),
        ({"start_time": "07:30:00+07:00", "end_time": "11:30:00"}, "start_time", "múi giờ"),
        ({"end_time": "11:30:00Z"}, "end_time", "múi giờ"),
        ({"date": "9999-12-31"}, "date", "2100"),
        ({"meeting_link": "javascript:alert(1)"}, "meeting_link", "http"),
        ({"venue": "x" * 301}, "venue", "dài quá 300"),
    ],
)
def test_bad_dialogue_patch_is_400_and_changes_nothing(staff, change, field, words):
    dialogue = make_dialogue()
    before = snapshot(dialogue)
    response = staff.patch(f"/api/v1/dialogues/{dialogue.pk}", change, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    message = response.json()["message"]
    assert message.startswith("Dữ liệu gửi lên không hợp lệ") and field in message and words in message
    assert snapshot(Dialogue.objects.get(pk=dialogue.pk)) == before


def test_the_400_does_not_echo_the_input(staff):
    dialogue = make_dialogue()
    response = staff.patch(f"/api/v1/dialogues/{dialogue.pk}", {"title": "Đ" * 100_000}, content_type="application/json")
    assert response.status_code == 400 and len(response.content) < 2_000


def test_huge_path_id_is_400(staff):
    response = staff.get(f"/api/v1/dialogues/{2**70}")
    assert response.status_code == 400 and "pk" in response.json()["message"]


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"title": "Đ" * 100_000}, "title"),
        ({"title": "Có\x00NUL"}, "title"),
        ({"expected_citizens": 2**40}, "expected_citizens"),
        ({"hosts": [{"appointment": 2**70}]}, "hosts.0.appointment"),
        ({"description": "a\x00b"}, "description"),
    ],
)
def test_bad_dialogue_create_is_400_and_writes_nothing(staff, payload, field):
    data = {"unit": "31-HONGAN", "title": "Đối thoại", "kind": "periodic", "date": "2027-03-10"}
    data["hosts"] = [{"appointment": head("31-HONGAN").pk}]
    data.update(payload)
    response = staff.post("/api/v1/dialogues", data, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert field in response.json()["message"]
    assert Dialogue.objects.count() == 0


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"petitioner": {"kind": "person", "full_name": "Trần " * 1_000}}, "petitioner.full_name"),
        ({"content": "Đề nghị\x00sửa đường"}, "content"),
        ({"content": "x" * 20_001}, "content"),
        ({"petitioner": {"kind": "person", "full_name": "Bình", "address": "\x00"}}, "petitioner.address"),
        ({"dialogue": 2**70}, "dialogue"),
        ({"unit": "\x00"}, "unit"),
    ],
)
def test_bad_petition_is_400_and_writes_nothing(staff, payload, field):
    response = staff.post("/api/v1/petitions", petition_payload(**payload), content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert field in response.json()["message"]
    assert Petition.objects.count() == 0 and Petitioner.objects.count() == 0


def test_group_with_a_huge_id_is_400_and_changes_nothing(staff):
    petition = receive()
    response = staff.post(f"/api/v1/petitions/{petition.pk}/group", {"others": [2**70]}, content_type="application/json")
    assert response.status_code == 400 and "others" in response.json()["message"]
    assert Petition.objects.get(pk=petition.pk).case_id == petition.case_id


@pytest.mark.parametrize("query", ["q=%00", "unit=%00", "dialogue=99999999999999999999999", "q=" + "a" * 201])
def test_bad_list_filters_are_400(staff, query):
    response = staff.get(f"/api/v1/petitions?{query}")
    assert response.status_code == 400 and response.json()["message"]


def test_bad_answer_is_400_and_changes_nothing(demo):
    from petitions.tests.helpers import assigned

    case = assigned()
    client = Client()
    client.force_login(user("canbo"))
    petition = case.petitions.first()
    response = client.post(
        f"/api/v1/petitions/{petition.pk}/answer",
        {"outcome": "resolved", "answer": "Đã sửa\x00"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "answer" in response.json()["message"]
    case.refresh_from_db()
    assert case.answer == ""
