"""Settings for Đối thoại.

Everything a deployment changes comes from the environment (see config/env.py and
docs/trien-khai.md): DATABASE_URL (default: SQLite under var/), DATABASE_REPLICA_URL, SECRET_KEY,
DEBUG (off unless set; `make run` sets it), ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, HTTPS, TRUST_PROXY_HEADERS,
HSTS_SECONDS, MEDIA_ROOT, S3_BUCKET (media on S3-compatible storage), LOG_FORMAT, CELERY_BROKER_URL
(default: none, tasks run inline). Settings fail closed: with DEBUG off there is no default SECRET_KEY.
"""

import datetime
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str, require_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)  # a fresh clone has no var/ yet

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = require_secret_key(DEBUG)
# Rotating the key: the old one goes here for a while, so sessions and links signed with it stay valid.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# HTTPS: on by default when DEBUG is off (fail closed); HTTPS=0 only for a plain-HTTP test bench.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
# The preload list takes only a registrable domain (example.gov.vn), which an office does not own: no warning for it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Only behind a proxy (nginx) that sets X-Forwarded-Proto and X-Real-IP itself: otherwise a client could claim
# HTTPS or another address. The client's address is then taken from X-Real-IP of TRUSTED_PROXIES (common/proxy.py).
TRUST_PROXY_HEADERS = env_bool("TRUST_PROXY_HEADERS", False)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
if TRUST_PROXY_HEADERS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes each node over plain HTTP
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "common",
    "audit",
    "jobs",
    "notifications",
    "organizations",
    "workdays",
    "regulations",
    "dialogues",
    "petitions",
    "conference",
    "documents",
    "reports",
    "supervision",
    "portal",
    "convening",
    "publishing",
    "api",
]

MIDDLEWARE = [
    "common.proxy.ProxyClientAddressMiddleware",  # first: the client's address behind nginx (limits, logs)
    "common.logging.RequestLogMiddleware",  # one JSON line per request, with its id, user, status, duration
    "common.health.HealthCheckMiddleware",  # /healthz for probes: before host checks and the HTTPS redirect
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files with hashed names, compressed
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "common.nulbytes.RefuseNulMiddleware",  # 400 for NUL bytes in any query or form field (PostgreSQL cannot store them)
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "audit.middleware.PermissionDeniedLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "common.sessions.SessionTimeoutMiddleware",
    "organizations.twofactor.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organizations.context_processors.current_roles",
                "supervision.context_processors.supervision_menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'doithoai.sqlite3'}"),
        conn_max_age=int(env_str("DB_CONN_MAX_AGE", "60")),
    )
}
# PostgreSQL's JIT compiles plans it guesses costly: 0.6 s spent compiling a 0.1 s list query (issue 16, docs/quy-mo.md).
# The statements the busiest requests send (common/prepared.py) are prepared on the server; Django's own cursors bind
# on the client and never prepare. DB_PREPARED_STATEMENTS=0 behind a pooler that cannot keep them (docs/trien-khai.md).
for _database in DATABASES.values():
    if "postgresql" in _database.get("ENGINE", ""):
        _database.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
        _database["OPTIONS"].setdefault("prepare_threshold", 5 if env_bool("DB_PREPARED_STATEMENTS", True) else None)
# Reports may read from a PostgreSQL replica (config/db_router.py); everything else uses "default".
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=int(env_str("DB_CONN_MAX_AGE", "60"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read the primary
DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses locked-out accounts. It needs the request: tests use force_login or
    # client.login(request=HttpRequest(), ...).
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user and their memberships in one query (organizations/backends.py).
    "organizations.backends.ModelBackend",
]
# ASVS V2.1: at least 12 characters, not like the account's own names, not common, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login security (see docs/bao-mat.md). Lockout per username+address and per username.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "organizations.accounts.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = True
AXES_VERBOSE = False
# Behind nginx, common.proxy sets REMOTE_ADDR from X-Real-IP of TRUSTED_PROXIES only; never trust client headers.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# Two-factor (TOTP): required for administrators unless turned off; `make run` (DEBUG=1) keeps the demo easy.
REQUIRE_2FA_FOR_ADMINS = env_bool("REQUIRE_2FA_FOR_ADMINS", not DEBUG)
OTP_TOTP_ISSUER = "Đối thoại"
# Sessions: idle and absolute timeouts (seconds), cookie unreadable by scripts, SameSite=Lax.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, with the lookup's SQL built once (common/session_store.py).
SESSION_ENGINE = "common.session_store"
SESSION_COOKIE_SAMESITE = "Lax"
# Rate limits per address (django-ratelimit, on the default cache); over the limit → the 429 page.
RATELIMIT_LOGIN = env_str("RATELIMIT_LOGIN", "10/m")
RATELIMIT_TRACKING = env_str("RATELIMIT_TRACKING", "20/m")
RATELIMIT_PUBLIC_OPINION = env_str("RATELIMIT_PUBLIC_OPINION", "5/h")  # public opinion form and API, per address
PUBLIC_UPLOAD_MAX_BYTES = env_int("PUBLIC_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)  # one attachment from the public form
RATELIMIT_VIEW = "common.throttle.too_many_requests"
# Counters must be shared by every worker in production: set CACHE_URL=redis://127.0.0.1:6379/1.
if env_str("CACHE_URL", ""):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("CACHE_URL")}}
RATELIMIT_IP_META_KEY = "REMOTE_ADDR"
# Security event log: kept this many days (`manage.py prune_security_log`).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
# The UI is always Vietnamese, whatever language the browser asks for.
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Static files: hashed, compressed names served by whitenoise (`manage.py collectstatic` on install/upgrade);
# with DEBUG on, plain files straight from static/. Media: local disk, or S3-compatible storage when S3_BUCKET is set.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if env_str("S3_BUCKET", ""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("S3_PREFIX", ""),
            "default_acl": None,  # private objects: every download goes through the permission-checked views
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Background work: Celery on Redis in production, inline on the embedded default.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True  # results live in jobs.Job rows and files, not in a result backend
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-job leaves the message for another (the job claim stops doubles)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# `celery -A config beat`: nightly housekeeping, run as management commands through jobs.run_command.
CELERY_BEAT_SCHEDULE = {
    "anonymise-closed-cases": {
        "task": "jobs.run_command",
        "schedule": crontab(hour=2, minute=30),
        "args": ["anonymise_closed_cases"],
    },
    "prune-security-log": {"task": "jobs.run_command", "schedule": crontab(hour=2, minute=45), "args": ["prune_security_log"]},
    "prune-jobs": {"task": "jobs.run_command", "schedule": crontab(hour=3, minute=0), "args": ["prune_jobs"]},
    # Notifications: today's deadline reminders each morning, the poller every minute.
    "remind-deadlines": {"task": "jobs.run_command", "schedule": crontab(hour=6, minute=0), "args": ["remind_deadlines"]},
    "send-notifications": {"task": "jobs.run_command", "schedule": crontab(), "args": ["send_notifications"]},
}
# Mail (notifications): SMTP from the environment; the embedded default writes each mail as a file in var/mail/.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "doithoai@localhost")
# Reminders go this many working days before an answer deadline; a notification is tried this many times.
NOTIFY_REMINDER_DAYS = tuple(int(n) for n in env_list("NOTIFY_REMINDER_DAYS", "3,1"))
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 5)
# SMS and Zalo OA: a dotted path to `send(address, text)`; the default only logs (nothing leaves the server).
NOTIFY_SMS_GATEWAY = env_str("NOTIFY_SMS_GATEWAY", "notifications.channels.logging_gateway")
NOTIFY_ZALO_GATEWAY = env_str("NOTIFY_ZALO_GATEWAY", "notifications.channels.logging_gateway")
# The host's briefing and reporting-duty reminders (working days before); the public address in petitioners' mails.
NOTIFY_BRIEFING_DAYS = env_int("NOTIFY_BRIEFING_DAYS", 3)
NOTIFY_REPORT_DAYS = tuple(int(n) for n in env_list("NOTIFY_REPORT_DAYS", "5,1"))
NOTIFY_SITE_URL = env_str("NOTIFY_SITE_URL", "")
# Stored job results (PDF copies, dossier ZIPs) are a cache: deleted after this many days, made again on request.
JOB_RESULT_DAYS = env_int("JOB_RESULT_DAYS", 30)
# Closed cases keep the petitioner's personal data this long, then it is overwritten (statistics stay).
PERSONAL_DATA_RETENTION_DAYS = env_int("PERSONAL_DATA_RETENTION_DAYS", 5 * 365)
# Web opinions rejected or never accepted lose their sender's data after this many days (portal/retention.py).
WEB_SUBMISSION_RETENTION_DAYS = env_int("WEB_SUBMISSION_RETENTION_DAYS", 90)
# Requests to convene a dialogue lose their representative's data and signed scans this long after the results
# were published (convening/retention.py; Nghị định 13/2023/NĐ-CP, Luật 91/2025/QH15: data minimisation).
CONVENING_DATA_RETENTION_DAYS = env_int("CONVENING_DATA_RETENTION_DAYS", 365)

# Largest upload for master-data imports (bytes).
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
IMPORT_MAX_ROWS = 20000
# Spreadsheet imports with more rows than this run as a background job with progress (jobs app).
IMPORT_BACKGROUND_ROWS = env_int("IMPORT_BACKGROUND_ROWS", 2000)

# Uploads (common/uploads.py): size, Office (ZIP) unpacked size and member count; ClamAV clamd
# through a unix socket or "host:port" (neither set: no virus scan, shown on the template page).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
UPLOAD_MAX_UNPACKED_BYTES = env_int("UPLOAD_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
UPLOAD_MAX_MEMBERS = env_int("UPLOAD_MAX_MEMBERS", 1000)
CLAMD_SOCKET = env_str("CLAMD_SOCKET", "")
CLAMD_ADDRESS = env_str("CLAMD_ADDRESS", "")
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 30)

# Logs on standard error: one JSON line per record in production (LOG_FORMAT=json, the default without DEBUG),
# each with the request id; `doithoai.request` writes one line per request (common/logging.py).
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "common.logging.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "doithoai": {"handlers": ["console"], "level": env_str("DOITHOAI_LOG_LEVEL", "INFO"), "propagate": False},
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Content-Security-Policy (django-csp): only this site's own scripts, styles and images; no inline script or
# style attribute (templates use classes and static/js/site.js; htmx's own indicator style is off, see base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# /healthz reports the disk under MEDIA_ROOT as low below this many megabytes (common/health.py).
HEALTH_MIN_FREE_MB = env_int("HEALTH_MIN_FREE_MB", 1024)

# Reference data (levels, kinds, positions, calendar decisions, shipped profiles) is loaded after every
# `migrate` (missing rows only: administrators' edits stay). The test settings turn it off: tests load what they need.
REFERENCE_DATA_ON_MIGRATE = env_bool("REFERENCE_DATA_ON_MIGRATE", True)
