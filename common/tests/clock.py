"""Set the date of record in a test: the checks of common.dates then see that day as today."""

import datetime


def today_is(monkeypatch, day: datetime.date) -> None:
    """From now on in this test, `common.dates.today()` is `day` (2027 scenarios, a conference just held)."""
    monkeypatch.setattr("common.dates.today", lambda: day)
