"""Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by Playwright, never a downloaded browser."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "var" / "screenshots"))


def require_chromium() -> None:
    """Skip when Chromium is absent on a developer's machine; fail in CI (REQUIRE_BROWSER=1)."""
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium chromium-driver)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium_page():
    from playwright.sync_api import sync_playwright

    require_chromium()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            # An English browser still gets the Vietnamese interface.
            context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
            yield context.new_page()
        finally:
            try:
                browser.close()
            finally:
                _close_connections_opened_inside()


def _close_connections_opened_inside() -> None:
    """Close the database connections the test opened while Playwright ran.

    Playwright's sync API runs an event loop, and Django keeps a separate connection for code run under it; a query
    the test makes inside `with chromium_page()` (say, "nothing was written") opens one that the test database
    teardown never sees, and PostgreSQL then refuses to drop the database ("being accessed by other users").
    A connection inside a transaction is the test's own and is left alone.
    """
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
