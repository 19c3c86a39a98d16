"""gunicorn settings for Đối thoại (deploy/serve.sh, the compose file and deploy/systemd/doithoai-web.service).

Every value can be changed from the environment without editing this file. Threads (gthread) keep memory
low while a request waits on the database; long work (PDF, ZIP, imports) runs in the Celery worker instead.
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process per core, two threads each: a request is mostly Python (CPU), so more processes than cores only
# take turns on them. Measured on 2 cores (benchmarks/intake.py, docs/quy-mo.md): 5 processes × 4 threads took
# 9.7 ms of CPU per opinion and 197 opinions/s; 2 × 2 took 5.5-6.3 ms and 310-340/s.
# The cores this process may use (a container's limit, not the host's), at most 8: each thread holds a database
# connection, so PostgreSQL's max_connections must exceed workers × threads plus the Celery worker's.
workers = int(os.environ.get("GUNICORN_WORKERS", min(max(2, len(os.sched_getaffinity(0))), 8)))
# gthread, taking a new connection only while a thread is free (config/workers.py): kept-alive connections are
# then shared evenly between the processes.
worker_class = "config.workers.BalancedThreadWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows into an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Only nginx on this machine may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Django writes one JSON line per request (common/logging.py): no second access log; errors on stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Uploaded scans can be large: the body is streamed by Django, the limit is nginx's client_max_body_size.
limit_request_field_size = 16380


def post_worker_init(worker) -> None:
    """Once the application is loaded (with its URLs, views and API, which Django imports on the first request
    otherwise), move its objects out of the garbage collector's sight (gc.freeze): the collector then walks only
    what requests create, and its pauses no longer lengthen the slowest requests."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 — imports every view module now, before the freeze
    gc.freeze()
