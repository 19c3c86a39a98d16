"""A request that reaches the rate limit without REMOTE_ADDR is counted, never a server error (schemathesis found it)."""

import pytest
from django.test import RequestFactory, override_settings

from common.throttle import client_address


def test_client_address_falls_back_when_the_server_gives_none():
    request = RequestFactory().get("/")
    assert client_address("g", request) == "127.0.0.1"
    del request.META["REMOTE_ADDR"]
    assert client_address("g", request) == "unknown"


@pytest.mark.django_db
@override_settings(RATELIMIT_TRACKING="100/m")
def test_public_tracking_without_an_address_answers(client):
    response = client.get("/api/v1/public/opinions/YK-KHONGCO", REMOTE_ADDR="")
    assert response.status_code == 404
