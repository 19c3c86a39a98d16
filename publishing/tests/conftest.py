"""Fixtures of the publishing tests."""

import pytest

from convening.tests.factories import Commune, hong_an_commune


@pytest.fixture
def commune(db) -> Commune:
    """Phường Hồng An under Luật 72/2025/QH15 (convening/tests/factories.py), not the whole demo."""
    return hong_an_commune()
