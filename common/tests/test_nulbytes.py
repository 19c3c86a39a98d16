"""NUL bytes in query strings and form fields are a 400 with a Vietnamese message, before any view runs."""

import json

import pytest
from django import forms
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from common.nulbytes import RefuseNulMiddleware, has_nul
from dialogues.tests.factories import make_dialogue


def view(request):
    return HttpResponse("đã chạy")


@pytest.mark.parametrize(
    "make",
    [
        lambda rf: rf.get("/y-kien/", {"q": "a\x00b"}),
        lambda rf: rf.get("/y-kien/", {"a\x00": "b"}),
        lambda rf: rf.post("/y-kien/", {"content": "Đề nghị\x00"}),
        lambda rf: rf.post("/y-kien/", {"content": ["ổn", "x\x00"]}),
    ],
)
def test_nul_anywhere_in_the_fields_is_refused(make):
    response = RefuseNulMiddleware(view)(make(RequestFactory()))
    assert response.status_code == 400 and "NUL" in response.content.decode()


def test_api_paths_get_json():
    response = RefuseNulMiddleware(view)(RequestFactory().get("/api/v1/petitions", {"q": "\x00"}))
    assert response.status_code == 400 and "NUL" in json.loads(response.content)["message"]


def test_clean_input_reaches_the_view():
    request = RequestFactory().post("/y-kien/", {"content": "Đề nghị sửa đường ngõ 12"})
    assert not has_nul(request)
    assert RefuseNulMiddleware(view)(request).content.decode() == "đã chạy"


def test_a_json_body_is_left_to_the_api_schemas():
    request = RequestFactory().post("/api/v1/petitions", '{"content": "a\\u0000"}', content_type="application/json")
    assert not has_nul(request)


@pytest.mark.django_db
def test_a_screen_reading_post_directly_writes_nothing(client, demo):
    dialogue = make_dialogue()
    client.force_login(User.objects.get(username="thuky"))
    before = dialogue.speakers.count()
    response = client.post(
        f"/hoi-nghi/{dialogue.pk}/nguoi-phat-bieu/register/", {"name": "Trần\x00Văn Bình", "topic": "Đường"}
    )
    assert response.status_code == 400
    assert dialogue.speakers.count() == before


def test_django_form_message_is_vietnamese():
    with translation.override("vi"), pytest.raises(forms.ValidationError) as error:
        forms.CharField().clean("a\x00")
    assert error.value.messages == ["Không được có ký tự NUL (\\x00)."]
