"""In headless Chromium, the main screens load under the Content-Security-Policy with no violation, htmx working."""

import os

import pytest
from django.urls import reverse

from organizations.demo import demo_data
from portal.tests.browser import chromium_page

pytestmark = pytest.mark.django_db(transaction=True)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

MAIN_SCREENS = [  # the main menu of base.html
    "portal:home",
    "dialogues:list",
    "petitions:list",
    "dialogues:my_tasks",
    "dialogues:overdue",
    "workdays:calendar",
    "regulations:list",
    "documents:register",
    "organizations:units",
]
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def test_main_screens_have_no_csp_violation_and_htmx_runs(demo_site):
    with chromium_page() as page:
        console = []
        page.on("console", lambda message: console.append(message.text))
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(f"{demo_site}/dang-nhap/")
        page.fill("#id_username", "vanphong")
        page.fill("#id_password", demo_data()["password"])
        page.click("button[type=submit]")
        page.wait_for_url(f"{demo_site}/")
        visited = {}
        for path in map(reverse, MAIN_SCREENS):
            response = page.goto(f"{demo_site}{path}")
            page.wait_for_load_state("load")
            visited[path] = (response.status, page.evaluate("window.__csp"))
            assert "default-src 'self'" in response.headers["content-security-policy"]
            assert page.evaluate("typeof htmx === 'object' && htmx.config.includeIndicatorStyles === false")
        assert {path: seen for path, seen in visited.items() if seen != (200, [])} == {}
        assert [text for text in console if "Content Security Policy" in text] == []
        # Control: the recorder does see a violation (an inline style, as htmx would add without its config).
        page.evaluate("document.head.appendChild(Object.assign(document.createElement('style'), {textContent: 'p{}'}))")
        page.wait_for_function("window.__csp.length > 0")
        assert page.evaluate("window.__csp")[0].startswith("style-src")
