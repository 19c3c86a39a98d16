"""Shared fixtures: reference data, the demo, and named people for permission tests."""

import pytest

from organizations.reference import load_reference
from regulations.loading import load_shipped_profiles
from workdays.loading import load_shipped_overrides


@pytest.fixture(autouse=True)
def _fast_passwords(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"  # uploaded and generated files of a test stay in its own folder


@pytest.fixture(autouse=True)
def _security_defaults(settings):
    """Tests of other features sign administrators in with force_login (the 2FA tests turn it back on),
    and each test starts with fresh rate-limit counters (they live in the per-process cache)."""
    from django.core.cache import cache

    settings.REQUIRE_2FA_FOR_ADMINS = False
    cache.clear()


@pytest.fixture
def kinds(db):
    """Only the administrative levels, organisation kinds and positions."""
    load_reference()


@pytest.fixture
def reference(db):
    """Levels, kinds, positions, the official calendar decisions and the five shipped profiles."""
    load_reference()
    load_shipped_overrides()
    load_shipped_profiles()


@pytest.fixture
def demo(reference):
    """The demo units, organisations, people and one login per role."""
    from organizations.demo import load_demo

    return load_demo()[1]


@pytest.fixture
def demo_site(live_server):
    """A live server over the demo data, for the browser tests (their tests use transactional databases)."""
    from organizations.demo import load_demo

    load_reference()
    load_shipped_overrides()
    load_shipped_profiles()
    load_demo()
    return live_server.url
