"""`make test` (and so CI) runs pytest with no paths, which collects only pyproject's `testpaths`.

Three apps' tests (convening, publishing, supervision) once sat outside that list and never ran in CI. This test
reads the list and the tree: every folder that holds tests must be collected.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_APPS = {".venv", "var", "node_modules", ".git"}


def _folders_with_tests() -> set[str]:
    found = set()
    for tests in ROOT.glob("*/tests"):
        if tests.parent.name in NOT_APPS or not tests.is_dir():
            continue
        if any(tests.rglob("test_*.py")):
            found.add(tests.parent.name)
    return found


def test_every_folder_with_tests_is_in_testpaths() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    collected = set(settings["tool"]["pytest"]["ini_options"]["testpaths"])
    folders = _folders_with_tests()
    assert {"common", "supervision", "convening", "publishing"} <= folders  # the scan itself finds the tree
    assert folders - collected == set(), "tests that `make test` would never run"
    assert collected - folders == set(), "testpaths naming a folder without tests"
