"""Fixtures of the opinion tests."""

import pytest

from .factories import Ward, hong_an_ward


@pytest.fixture
def ward(db) -> Ward:
    """Phường Hồng An with its office, one agency and named logins (petitions/tests/factories.py), not the whole demo."""
    return hong_an_ward()
