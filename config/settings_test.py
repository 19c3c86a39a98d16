"""Settings for the test suite: the deployment settings, with a key of their own and plain HTTP.

The deployment settings have no default SECRET_KEY and turn HTTPS on when DEBUG is off (fail closed);
pytest runs with DEBUG off, so the tests bring their own key here instead of a silent default there.
"""

import os

os.environ.setdefault("SECRET_KEY", "doithoai-tests-only-secret-key-never-used-by-any-deployment-0123456789")
os.environ.setdefault("HTTPS", "0")

from .settings import *  # noqa: E402, F403

# Tests load the reference data they need through fixtures (conftest.py); a test of its own covers `migrate`.
REFERENCE_DATA_ON_MIGRATE = False

# No collectstatic before tests: plain static files found in the apps (whitenoise looks them up on each request).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
