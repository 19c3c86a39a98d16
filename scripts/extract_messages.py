"""Extract the project's translatable strings into a fresh catalog under the given folder (for tests).

Copies the sources to a temporary tree so the shipped catalog is never touched.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", ".git", "locale", "node_modules", "static"}


def main(target: str) -> int:
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        for item in ROOT.iterdir():
            if item.name in SKIP:
                continue
            if item.is_dir():
                shutil.copytree(item, work_path / item.name, ignore=shutil.ignore_patterns("tests", "__pycache__"))
            else:
                shutil.copy2(item, work_path / item.name)
        (work_path / "locale").mkdir()
        env = {**os.environ, "PYTHONPATH": str(work_path)}
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "vi", "--ignore=conftest.py"],
            cwd=work_path,
            check=True,
            env=env,
            capture_output=True,
        )
        shutil.copytree(work_path / "locale", target, dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
