"""`/healthz` for the load balancer and monitoring: is this web node able to serve? No personal data.

Answers 200 when the database (and Redis, when a broker or cache is configured there) answer, 503 otherwise.
It also reports, without failing on them: the age of the oldest waiting background job (queue latency),
free disk space under MEDIA_ROOT (local disk only) and whether LibreOffice (DOCX→PDF) is installed.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _timed(check) -> dict:
    started = time.monotonic()
    try:
        result = check() or {}
        result = {"ok": True, **result}
    except Exception as error:  # a health check reports every failure instead of raising it
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def redis_urls() -> list[str]:
    """The Redis servers this deployment depends on (broker, cache), without duplicates."""
    urls = [getattr(settings, "CELERY_BROKER_URL", ""), getattr(settings, "CACHE_URL", "")]
    cache = settings.CACHES.get("default", {})
    if "redis" in cache.get("BACKEND", "").lower():
        urls.append(cache.get("LOCATION", ""))
    return list(dict.fromkeys(url for url in urls if isinstance(url, str) and url.startswith(("redis://", "rediss://"))))


def _redis() -> dict:
    import redis

    for url in redis_urls():
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
    return {"servers": len(redis_urls())}


def _queue() -> dict:
    """Seconds the oldest waiting job has waited (0 when none waits)."""
    if not apps.is_installed("jobs"):
        return {"waiting": 0, "oldest_seconds": 0}
    job_model = apps.get_model("jobs", "Job")
    waiting = job_model.objects.filter(state="queued")
    oldest = waiting.order_by("created").values_list("created", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    return {"waiting": waiting.count(), "oldest_seconds": round(age, 1)}


def _disk() -> dict:
    """Free space where media are written; only meaningful on local disk (not S3)."""
    if "FileSystemStorage" not in settings.STORAGES["default"]["BACKEND"]:
        return {"storage": "remote"}
    folder = Path(settings.MEDIA_ROOT)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    usage = shutil.disk_usage(folder)
    free_mb = usage.free // (1024 * 1024)
    minimum = settings.HEALTH_MIN_FREE_MB
    return {"free_mb": free_mb, "low": free_mb < minimum}


def _libreoffice() -> dict:
    return {"present": bool(shutil.which("soffice") or shutil.which("libreoffice"))}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _timed(_database)}
    if redis_urls():
        checks["redis"] = _timed(_redis)
    healthy = all(check["ok"] for check in checks.values())
    checks["queue"] = _timed(_queue) if checks["database"]["ok"] else {"ok": False, "error": "database"}
    checks["disk"] = _timed(_disk)
    checks["libreoffice"] = _timed(_libreoffice)
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)


class HealthCheckMiddleware:
    """Answers /healthz before host validation and the HTTPS redirect: probes use the node's address over HTTP.

    Placed right after the request log; the URL in config/urls.py gives the same view a name.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path == "/healthz":
            return healthz(request)
        return self.get_response(request)
