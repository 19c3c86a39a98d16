"""common.session_store: Django's database sessions, read with SQL built once; the same rules as Django's."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.session_store import SessionStore

pytestmark = pytest.mark.django_db


def test_it_is_the_engine_of_the_site(settings):
    assert settings.SESSION_ENGINE == "common.session_store"


def test_a_session_saved_by_django_is_read_back_whole_in_one_query():
    saved = DjangoStore()
    saved.update({"_auth_user_id": "7", "ghi_chu": "Phiên của chị Lan"})
    saved.create()
    with CaptureQueriesContext(connection) as done:
        loaded = SessionStore(saved.session_key)
        assert dict(loaded.items()) == {"_auth_user_id": "7", "ghi_chu": "Phiên của chị Lan"}
    assert len(done.captured_queries) == 1 and loaded.session_key == saved.session_key


def test_an_expired_session_is_empty_and_its_key_dropped_as_django_does():
    saved = SessionStore()
    saved["_auth_user_id"] = "7"
    saved.create()
    Session.objects.filter(pk=saved.session_key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    for store in (SessionStore(saved.session_key), DjangoStore(saved.session_key)):
        assert dict(store.items()) == {} and store.session_key is None


def test_an_unknown_key_is_an_empty_session_and_saving_it_makes_a_new_key():
    store = SessionStore("khongcophiennaotrongbangnay12345")
    assert dict(store.items()) == {} and store.session_key is None
    store["x"] = 1
    store.save()
    assert store.session_key != "khongcophiennaotrongbangnay12345"
    assert Session.objects.filter(pk=store.session_key).exists()


def test_logging_in_and_out_through_the_site_uses_it(client):
    lan = User.objects.create_user("lan", password="Mat-khau-dung-2026")
    client.force_login(lan)
    key = client.cookies["sessionid"].value
    assert SessionStore(key)["_auth_user_id"] == str(lan.pk)
    client.post("/dang-xuat/")
    assert not Session.objects.filter(pk=key).exists()
