"""Behind nginx the client's address comes from X-Real-IP, but only when the request comes from a trusted proxy."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from common.proxy import ProxyClientAddressMiddleware


def _seen_address(settings, *, remote: str, real_ip: str | None) -> str:
    seen = {}

    def view(request):
        seen["addr"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    headers = {"HTTP_X_REAL_IP": real_ip} if real_ip is not None else {}
    ProxyClientAddressMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))
    return seen["addr"]


@pytest.fixture
def behind_nginx(settings):
    settings.TRUST_PROXY_HEADERS = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]


def test_nginx_gives_the_clients_address(settings, behind_nginx):
    assert _seen_address(settings, remote="127.0.0.1", real_ip="203.0.113.7") == "203.0.113.7"


def test_a_client_talking_directly_cannot_choose_its_address(settings, behind_nginx):
    assert _seen_address(settings, remote="198.51.100.9", real_ip="203.0.113.7") == "198.51.100.9"


def test_without_trust_the_header_is_ignored(settings):
    settings.TRUST_PROXY_HEADERS = False
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert _seen_address(settings, remote="127.0.0.1", real_ip="203.0.113.7") == "127.0.0.1"


def test_garbage_in_the_header_is_ignored(settings, behind_nginx):
    assert _seen_address(settings, remote="127.0.0.1", real_ip="1.2.3.4, 5.6.7.8") == "127.0.0.1"
    assert _seen_address(settings, remote="127.0.0.1", real_ip=None) == "127.0.0.1"


def test_a_proxy_network_can_be_trusted(settings):
    settings.TRUST_PROXY_HEADERS = True
    settings.TRUSTED_PROXIES = ["172.28.0.0/24"]
    assert _seen_address(settings, remote="172.28.0.5", real_ip="203.0.113.7") == "203.0.113.7"
    assert _seen_address(settings, remote="172.29.0.5", real_ip="203.0.113.7") == "172.29.0.5"
