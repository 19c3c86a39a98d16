"""Two-factor authentication: required for administrators when REQUIRE_2FA_FOR_ADMINS, offered to all."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import SecurityEvent

from .helpers import log_in

pytestmark = pytest.mark.django_db
LOG = "/tai-khoan/nhat-ky/"  # an administrator's page


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA_FOR_ADMINS = True


def code_for(device: TOTPDevice) -> str:
    """The code the phone would show now, computed from the device's key (as the app does)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)


def test_admin_without_device_must_set_one_up_before_any_page(client, required, hung):
    log_in(client, "hung")
    for path in ["/", "/quan-tri/", "/to-chuc/", "/tai-khoan/nhat-ky/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/tai-khoan/bao-mat/?next="), path
    assert client.get("/api/v1/dialogues").status_code == 403
    assert client.get("/tai-khoan/bao-mat/").status_code == 200


def test_admin_sets_up_totp_with_a_real_code_and_gets_recovery_codes(client, required, hung):
    log_in(client, "hung")
    client.post("/tai-khoan/bao-mat/", {"action": "start"})
    device = TOTPDevice.objects.get(user=hung, confirmed=False)
    page = client.get("/tai-khoan/bao-mat/").content.decode()
    qr = page.split('<div class="qr">', 1)[1].split("</div>", 1)[0]
    assert qr.startswith("<svg") and "<script" not in qr, "inline SVG, no script (CSP)"
    response = client.post("/tai-khoan/bao-mat/", {"action": "confirm", "token": code_for(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=hung).count() == 10
    assert client.get(LOG).status_code == 200, "verified in this session"
    assert SecurityEvent.objects.filter(event="2fa.enabled", user=hung).exists()


def test_a_wrong_code_does_not_turn_it_on(client, required, hung):
    log_in(client, "hung")
    client.post("/tai-khoan/bao-mat/", {"action": "start"})
    device = TOTPDevice.objects.get(user=hung)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = client.post("/tai-khoan/bao-mat/", {"action": "confirm", "token": wrong})
    assert response.status_code == 400 and "không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=hung, confirmed=True).exists()
    assert not StaticToken.objects.exists()
    assert client.get(LOG).status_code == 302


def test_admin_with_device_is_sent_to_verify_and_passes_with_a_totp_code(client, required, hung):
    device = confirmed_device(hung)
    log_in(client, "hung")
    response = client.get(LOG)
    assert response["Location"] == f"/tai-khoan/xac-thuc/?next={LOG}"
    assert client.get("/tai-khoan/bao-mat/")["Location"].startswith("/tai-khoan/xac-thuc/")
    wrong = client.post("/tai-khoan/xac-thuc/", {"token": "12345x", "next": LOG})
    assert wrong.status_code == 400 and "không đúng" in wrong.content.decode()
    assert client.get(LOG).status_code == 302
    response = client.post("/tai-khoan/xac-thuc/", {"token": code_for(device), "next": LOG})
    assert response.status_code == 302 and response["Location"] == LOG
    assert client.get(LOG).status_code == 200
    assert SecurityEvent.objects.filter(event="2fa.failure", user=hung).count() == 1
    assert SecurityEvent.objects.filter(event="2fa.success", user=hung).count() == 1


def test_verify_never_redirects_off_site(client, required, hung):
    device = confirmed_device(hung)
    log_in(client, "hung")
    response = client.post("/tai-khoan/xac-thuc/", {"token": code_for(device), "next": "https://ke-gian.example/"})
    assert response["Location"] == "/"


def test_recovery_code_works_once(client, required, hung):
    confirmed_device(hung)
    from django_otp.plugins.otp_static.models import StaticDevice

    static = StaticDevice.objects.create(user=hung, name="Mã khôi phục", confirmed=True)
    static.token_set.create(token="abcd2345")
    log_in(client, "hung")
    assert client.post("/tai-khoan/xac-thuc/", {"token": "ABCD 2345"}).status_code == 302
    assert client.get(LOG).status_code == 200
    client.post("/dang-xuat/")
    log_in(client, "hung")
    assert client.post("/tai-khoan/xac-thuc/", {"token": "abcd2345"}).status_code == 400
    assert client.get(LOG).status_code == 302


def test_staff_are_not_forced_but_may_turn_it_on_and_off(client, required, lan):
    log_in(client, "lan")
    assert client.get("/").status_code == 200
    device = confirmed_device(lan)
    response = client.post("/tai-khoan/bao-mat/", {"action": "disable", "token": code_for(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=lan).exists()
    assert SecurityEvent.objects.filter(event="2fa.disabled", user=lan).exists()


def test_admin_cannot_turn_it_off(client, required, hung):
    device = confirmed_device(hung)
    log_in(client, "hung")
    client.post("/tai-khoan/xac-thuc/", {"token": code_for(device)})
    response = client.post("/tai-khoan/bao-mat/", {"action": "disable", "token": code_for(device)})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=hung, confirmed=True).exists()


def test_setting_off_lets_the_demo_admin_in_with_the_password(client, settings, hung):
    settings.REQUIRE_2FA_FOR_ADMINS = False
    log_in(client, "hung")
    assert SESSION_KEY in client.session
    assert client.get(LOG).status_code == 200


def test_requirement_follows_debug_by_default(monkeypatch):
    import importlib

    import config.settings as deployed

    monkeypatch.delenv("REQUIRE_2FA_FOR_ADMINS", raising=False)
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DEBUG", "0")
    assert importlib.reload(deployed).REQUIRE_2FA_FOR_ADMINS is True
    monkeypatch.setenv("DEBUG", "1")
    assert importlib.reload(deployed).REQUIRE_2FA_FOR_ADMINS is False
