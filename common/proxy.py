"""Behind nginx, the client's own address: every limit and log that reads REMOTE_ADDR then sees the person.

gunicorn reports the proxy as REMOTE_ADDR. When TRUST_PROXY_HEADERS is on and the request comes from one of
TRUSTED_PROXIES (addresses or networks such as 172.28.0.0/24), the address nginx wrote into X-Real-IP (it
overwrites whatever a client sent) replaces it. From anywhere else the header is ignored, so a client cannot
choose its address (rate limits, lockouts).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


class ProxyClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        names = getattr(settings, "TRUSTED_PROXIES", []) if settings.TRUST_PROXY_HEADERS else []
        self.trusted = [ipaddress.ip_network(name, strict=False) for name in names]  # addresses or networks

    def _from_proxy(self, address: str) -> bool:
        client = _address(address)
        return client is not None and any(ipaddress.ip_address(client) in network for network in self.trusted)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.trusted and self._from_proxy(request.META.get("REMOTE_ADDR", "")):
            client = _address(request.META.get("HTTP_X_REAL_IP", ""))
            if client:
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)
