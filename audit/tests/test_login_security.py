"""Login: lockout after repeated failures, unlock by an administrator, rate limit, every attempt logged."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest

from audit.models import SecurityEvent

from .helpers import PASSWORD, log_in

pytestmark = pytest.mark.django_db


def test_right_password_logs_in_and_is_logged(client, lan):
    response = log_in(client, "lan")
    assert response.status_code == 302 and response["Location"] == "/"
    assert int(client.session[SESSION_KEY]) == lan.pk
    event = SecurityEvent.objects.get(event="login.success")
    assert event.user == lan and event.username == "lan" and event.ip == "127.0.0.1"


def test_wrong_password_is_refused_and_logged(client, lan):
    response = log_in(client, "lan", "sai-mat-khau")
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()
    assert SESSION_KEY not in client.session
    event = SecurityEvent.objects.get(event="login.failure")
    assert event.username == "lan" and event.user is None and event.ip == "127.0.0.1"
    assert "sai-mat-khau" not in str(event.detail)


def test_fifty_wrong_passwords_lock_the_account_even_for_the_right_one(client, settings, lan):
    settings.RATELIMIT_LOGIN = "1000/m"  # this test is about the lockout, not the rate limit
    statuses = [log_in(client, "lan", f"sai-{n}").status_code for n in range(50)]
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(statuses[settings.AXES_FAILURE_LIMIT :]) == {429}
    response = log_in(client, "lan")
    assert response.status_code == 429
    page = response.content.decode()
    assert "tạm khóa" in page and "15 phút" in page
    assert SESSION_KEY not in client.session
    assert SecurityEvent.objects.filter(event="login.lockout", username="lan").exists()
    assert SecurityEvent.objects.filter(event="login.failure").count() == 51
    assert not SecurityEvent.objects.filter(event="login.success").exists()


def test_lockout_is_per_username_from_any_address(client, settings, lan):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "lan", f"sai-{n}")
    assert log_in(client, "lan", REMOTE_ADDR="10.0.0.9").status_code == 429


def test_lockout_ends_after_the_cool_off(client, settings, lan):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "lan", f"sai-{n}")
    assert log_in(client, "lan").status_code == 429
    past = datetime.timedelta(minutes=16)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - past)
    assert log_in(client, "lan").status_code == 302


def test_administrator_unlocks_an_account_in_scope(client, settings, hung, lan):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "lan", f"sai-{n}")
    admin_client = client_class_login(hung)
    listing = admin_client.get("/tai-khoan/bi-khoa/")
    assert listing.status_code == 200 and "lan" in listing.content.decode()
    response = admin_client.post("/tai-khoan/bi-khoa/mo-khoa/", {"username": "lan"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="lan").exists()
    assert SecurityEvent.objects.filter(event="login.unlock", target="lan", user=hung).exists()
    assert log_in(client, "lan").status_code == 302


def test_administrator_cannot_unlock_outside_their_units(client, settings, hung, khai):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "khai", f"sai-{n}")
    admin_client = client_class_login(hung)
    assert "khai" not in admin_client.get("/tai-khoan/bi-khoa/").content.decode()
    response = admin_client.post("/tai-khoan/bi-khoa/mo-khoa/", {"username": "khai"})
    assert response.status_code == 400
    assert AccessAttempt.objects.filter(username="khai").exists()
    assert not SecurityEvent.objects.filter(event="login.unlock").exists()


def test_staff_cannot_unlock(client, settings, lan, khai):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "khai", f"sai-{n}")
    staff_client = client_class_login(lan)
    assert staff_client.post("/tai-khoan/bi-khoa/mo-khoa/", {"username": "khai"}).status_code == 403
    assert AccessAttempt.objects.filter(username="khai").exists()


def test_login_is_rate_limited_per_address(client, settings, lan):
    settings.RATELIMIT_LOGIN = "3/m"
    settings.AXES_FAILURE_LIMIT = 100
    assert [log_in(client, "lan", "sai").status_code for _ in range(3)] == [200, 200, 200]
    response = log_in(client, "lan")
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert SecurityEvent.objects.filter(event="ratelimit.exceeded", path="/dang-nhap/").count() == 1
    assert log_in(client, "lan", REMOTE_ADDR="10.0.0.7").status_code == 302


def test_logout_is_logged(client, lan):
    log_in(client, "lan")
    client.post("/dang-xuat/")
    assert SecurityEvent.objects.filter(event="logout", user=lan).exists()


def test_client_login_in_tests_needs_a_request(client, lan):
    """The lockout backend needs the request; tests pass one (or use force_login)."""
    assert client.login(request=HttpRequest(), username="lan", password=PASSWORD)


def test_admin_site_login_goes_through_the_one_login_page(client):
    response = client.get("/quan-tri/login/?next=/quan-tri/")
    assert response.status_code == 302 and response["Location"] == "/dang-nhap/?next=/quan-tri/"


def test_password_rules_are_asvs_level(lan):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["ngan-qua", "123456789012", "password1234", "lan-lan-lan"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user=lan)
    validate_password("Hoi-nghi-doi-thoai-2026", user=lan)


def client_class_login(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other
