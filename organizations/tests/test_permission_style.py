"""One permission style: every action of organizations.access is asked for somewhere; nothing is registered unused."""

import re
from pathlib import Path

from django.conf import settings

from organizations.access import ACTIONS

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "organizations" / "access.py"
SKIPPED = {".venv", "tests", "migrations", "node_modules", "var"}


def _sources() -> str:
    texts = []
    for path in [*ROOT.rglob("*.py"), *ROOT.rglob("*.html")]:
        # The registry itself does not count; other apps' access.py modules ask for actions like any verb.
        if SKIPPED.intersection(path.relative_to(ROOT).parts) or path == REGISTRY:
            continue
        texts.append(path.read_text(encoding="utf-8", errors="ignore"))
    return "\n".join(texts)


def test_every_registered_action_is_used_by_some_view_or_verb():
    code = _sources()
    unused = [action for action in ACTIONS if not re.search(rf"""["']{action}["']""", code)]
    assert unused == [], f"registered but never asked for: {unused}"


def test_there_is_no_second_permission_registry():
    assert not any(app.startswith("rules") for app in settings.INSTALLED_APPS)
    assert not any(backend.startswith("rules") for backend in settings.AUTHENTICATION_BACKENDS)
