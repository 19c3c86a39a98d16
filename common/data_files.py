"""The shipped YAML data files (reference rows, calendar decisions, regulation profiles, demo), read once.

`migrate`, `load_demo` and the test fixtures load these files again and again; PyYAML's pure-Python parser took
about two thirds of a test's demo set-up. Files are parsed with libyaml when PyYAML was built with it, kept per
process keyed by the file's size and modification time (an edited file is read again), and every caller gets its
own copy, so a loader that changes what it read cannot change what the next one reads.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=64)
def _parsed(path: str, size: int, mtime_ns: int) -> Any:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)  # a safe loader, never yaml.Loader


def load_yaml(path: Path) -> Any:
    """The file's data (safe YAML), a fresh copy for each caller."""
    status = path.stat()
    return copy.deepcopy(_parsed(str(path), status.st_size, status.st_mtime_ns))
