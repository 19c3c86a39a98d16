"""Fixtures of the notification tests: the small Hồng An ward of the opinion tests (not the demo)."""

import pytest

from petitions.tests.factories import Ward, hong_an_ward


@pytest.fixture
def ward(db) -> Ward:
    return hong_an_ward()
