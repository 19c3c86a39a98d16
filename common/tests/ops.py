"""Run manage.py as an operator would: in a subprocess, with the deployment settings and a given environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV_FILE = ROOT / "deploy" / "env.example"
SECRET = "ops-test-key-" + "k3y" * 20


def production_env(**overrides: str) -> dict[str, str]:
    """The documented production environment (deploy/env.example) with a real key and the given overrides."""
    # A clean environment, as on a server: nothing of the test process leaks in (DEBUG, HTTPS, async switches).
    env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}
    for line in PRODUCTION_ENV_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": SECRET, **overrides})
    return env


def manage(*args: str, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
