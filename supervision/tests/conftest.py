"""Fixtures of the supervision tests."""

import pytest

from .factories import World, build


@pytest.fixture
def world(db) -> World:
    """Phường Hồng An with its office, agency, Front, Ban Xây dựng Đảng, one dialogue and one matter."""
    return build()
