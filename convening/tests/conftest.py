"""Fixtures of the convening tests."""

import pytest

from .factories import Commune, hong_an_commune


@pytest.fixture
def commune(db) -> Commune:
    """Phường Hồng An under Luật 72/2025/QH15 (convening/tests/factories.py), not the whole demo."""
    return hong_an_commune()
