"""The shipped YAML data files (reference rows, calendar decisions, regulation profiles, demo), parsed once.

`migrate`, `load_demo` and the test fixtures load these files again and again; PyYAML's pure-Python parser took
about two thirds of a test's demo set-up. Files are parsed with libyaml when PyYAML was built with it, and the
result is kept per process, keyed by the file's text (read every time: an edited file is parsed again, whatever
its size and time); every caller gets its own copy, so a loader that changes what it read cannot change what the
next one reads.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=64)
def _parsed(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a safe loader, never yaml.Loader


def load_yaml(path: Path) -> Any:
    """The file's data (safe YAML), a fresh copy for each caller."""
    return copy.deepcopy(_parsed(path.read_text(encoding="utf-8")))
