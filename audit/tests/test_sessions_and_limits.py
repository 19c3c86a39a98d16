"""Session timeouts, the public tracking lookup's rate limit, refusals in the log, and retention."""

import datetime
import json
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.utils import timezone

from audit.log import record
from audit.models import SecurityEvent
from common.sessions import LAST_SEEN, STARTED

from .helpers import log_in

pytestmark = pytest.mark.django_db


STAFF_PAGE = "/doi-thoai/"  # a page that needs a login (the root is the public portal)


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_idle_session_is_logged_out(client, settings, lan):
    log_in(client, "lan")
    assert client.get(STAFF_PAGE).status_code == 200
    _age_session(client, **{LAST_SEEN: settings.SESSION_IDLE_TIMEOUT + 5})
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert SESSION_KEY not in client.session
    assert SecurityEvent.objects.filter(event="session.expired", user=lan, detail__reason="idle").exists()
    assert "hết hạn" in client.get(response["Location"]).content.decode()


def test_active_session_stays(client, settings, lan):
    log_in(client, "lan")
    _age_session(client, **{LAST_SEEN: settings.SESSION_IDLE_TIMEOUT - 60})
    assert client.get(STAFF_PAGE).status_code == 200
    assert SESSION_KEY in client.session


def test_session_ends_after_the_absolute_timeout_even_when_active(client, settings, lan):
    log_in(client, "lan")
    client.get(STAFF_PAGE)
    _age_session(client, **{STARTED: settings.SESSION_ABSOLUTE_TIMEOUT + 5, LAST_SEEN: 10})
    assert client.get(STAFF_PAGE).status_code == 302
    assert SESSION_KEY not in client.session
    assert SecurityEvent.objects.filter(event="session.expired", detail__reason="absolute").exists()


def test_login_cycles_the_session_and_cookie_is_protected(client, settings, lan):
    client.get("/dang-nhap/")
    client.cookies["sessionid"] = "trong-cua-ke-gian"
    log_in(client, "lan")
    assert client.cookies["sessionid"].value != "trong-cua-ke-gian"
    assert client.cookies["sessionid"]["httponly"] is True
    assert client.cookies["sessionid"]["samesite"] == "Lax"


def test_tracking_lookup_is_rate_limited_per_address(client, settings):
    settings.RATELIMIT_TRACKING = "3/m"
    for n in range(3):
        assert client.get(f"/tra-cuu/?ma=YK-THU-{n}").status_code == 404  # unknown code, answered
    response = client.get("/tra-cuu/?ma=YK-THU-9")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Quá nhiều yêu cầu" in page and "chờ một phút" in page and 'class="topbar"' in page
    assert response["Retry-After"] == "60"
    assert SecurityEvent.objects.filter(event="ratelimit.exceeded", ip="127.0.0.1").count() == 1
    assert client.get("/tra-cuu/?ma=YK-THU-9", REMOTE_ADDR="10.1.1.1").status_code == 404


def test_api_over_the_limit_answers_json(rf):
    from common.throttle import too_many_requests

    response = too_many_requests(rf.get("/api/v1/petitions"))
    assert response.status_code == 429 and "quá nhiều yêu cầu" in json.loads(response.content)["message"]


def test_permission_refusal_is_logged(client, lan):
    log_in(client, "lan")
    assert client.get("/tai-khoan/nhat-ky/").status_code == 403
    event = SecurityEvent.objects.get(event="permission.denied")
    assert event.user == lan and event.target == "/tai-khoan/nhat-ky/" and event.detail == {"method": "GET"}


def test_record_keeps_who_where_what(rf, lan):
    request = rf.get("/van-ban/1/tai-ve/", HTTP_USER_AGENT="Trình duyệt thử", REMOTE_ADDR="192.0.2.7")
    request.user = lan
    record("download.document", request=request, target="Document 1", detail={"format": "docx"})
    event = SecurityEvent.objects.get()
    assert (event.event, event.user, event.username, event.ip) == ("download.document", lan, "lan", "192.0.2.7")
    assert (event.user_agent, event.path, event.target, event.detail) == (
        "Trình duyệt thử", "/van-ban/1/tai-ve/", "Document 1", {"format": "docx"}
    )


def test_record_never_breaks_the_caller(lan):
    record("token.used", user=lan, detail={"bad": object()})  # not JSON: logged as an error, not raised
    assert not SecurityEvent.objects.exists()
    record("token.used", user=lan)
    assert SecurityEvent.objects.count() == 1


def test_prune_removes_only_events_past_retention(settings, lan):
    settings.AUDIT_RETENTION_DAYS = 30
    record("login.success", user=lan)
    record("login.failure", username="lan")
    SecurityEvent.objects.filter(event="login.failure").update(at=timezone.now() - datetime.timedelta(days=31))
    call_command("prune_security_log", "--dry-run")
    assert SecurityEvent.objects.count() == 2
    call_command("prune_security_log")
    assert list(SecurityEvent.objects.values_list("event", flat=True)) == ["login.success"]
