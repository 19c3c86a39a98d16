"""The layering of the developers' guide, read from the source: lower layers never import higher ones.

Every non-test, non-migration .py file of the project's apps (each folder with an apps.py) is parsed with
`ast`; every import counts, at module level or inside a function, and so does `import_module("...")` with a
literal name. Each rule is one test whose failure lists file:line of the offending import. An exception is
allowed only in the explicit lists below, each with its reason; an exception nothing uses any more fails too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FOUNDATION = {"organizations", "workdays", "regulations", "common", "audit", "jobs"}
DOMAIN = {"dialogues", "petitions", "conference", "documents", "reports", "convening", "publishing", "supervision"}
TOP = {"portal", "api"}
ABOVE_FOUNDATION = DOMAIN | TOP | {"notifications"}

# (file, imported top-level package): why notifications may import that domain app there.
NOTIFICATIONS_ALLOWED = {
    ("notifications/views.py", "petitions"): "views are the top layer: showing a mail sent to a petitioner is a "
    "disclosure of personal data, logged through the one gate petitions.privacy.disclose",
}
# (file, imported module): a legitimate import of portal's or api's views by another app. None today.
VIEWS_ALLOWED: dict[tuple[str, str], str] = {}

VIEW_NAMES = {"views", "api", "urls"}
VIEW_LIBRARIES = ("django.http", "django.shortcuts", "django.views", "django.contrib.auth.decorators", "ninja")


@dataclass(frozen=True)
class Import:
    path: str  # relative to the project root, e.g. "notifications/views.py"
    line: int
    module: str  # absolute dotted name, e.g. "petitions.privacy" or "petitions.privacy.disclose"

    @property
    def app(self) -> str:
        return self.path.split("/")[0]

    @property
    def top(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.module}"


@cache
def apps() -> tuple[str, ...]:
    return tuple(sorted(path.parent.name for path in ROOT.glob("*/apps.py")))


def sources(app: str) -> list[Path]:
    """The app's code: tests and migrations left out."""
    return sorted(path for path in (ROOT / app).rglob("*.py") if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts))


def _package(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1]  # the package holding the module (for __init__ too: its own package is parts[:-1])


def imports_of(path: Path) -> list[Import]:
    """Every import in the file (relative ones made absolute); `from a import b` counts as a and as a.b."""
    rel = str(path.relative_to(ROOT))
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
        if isinstance(node, ast.Import):
            found += [Import(rel, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package(path)
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append(Import(rel, node.lineno, module))
            found += [Import(rel, node.lineno, f"{module}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(Import(rel, node.lineno, node.args[0].value))
    return found


@cache
def all_imports() -> tuple[Import, ...]:
    return tuple(found for app in apps() for path in sources(app) for found in imports_of(path))


def view_modules(app: str) -> set[str]:
    """The app's modules that serve requests: views, api, urls, *_views, or any module importing a view library."""
    found = set()
    for path in sources(app):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        leaf = name.rsplit(".", 1)[-1]
        if leaf in VIEW_NAMES or leaf.endswith("_views") or any(i.module.startswith(VIEW_LIBRARIES) for i in imports_of(path)):
            found.add(name)
    return found


def offending(rows) -> str:
    """One line per import statement (`from a import b` is found as a and a.b: the shorter name is shown)."""
    shown: dict[tuple[str, int], Import] = {}
    for row in rows:
        key = (row.path, row.line)
        if key not in shown or len(row.module) < len(shown[key].module):
            shown[key] = row
    return "\n".join(str(shown[key]) for key in sorted(shown))


def test_the_walker_sees_every_app_and_function_level_imports():
    """The rules below cannot pass by reading nothing: the apps are found, and an import inside a function is seen."""
    assert set(apps()) >= FOUNDATION | ABOVE_FOUNDATION, f"apps found: {apps()}"
    assert any(i.path == "notifications/views.py" and i.module == "petitions.privacy" for i in all_imports())
    assert {"portal.views", "portal.api", "portal.public"} <= view_modules("portal")


def test_foundation_apps_import_no_domain_app():
    """organizations, workdays, regulations, common, audit and jobs know no dialogue, no matter, no notification."""
    wrong = [i for i in all_imports() if i.app in FOUNDATION and i.top in ABOVE_FOUNDATION]
    assert not wrong, "A foundation app imports a higher one:\n" + offending(wrong)


def test_notifications_imports_no_domain_app():
    """notifications is the domain-agnostic layer under the domain apps: they register their sources and kinds in it
    (`<app>/reminders.py`, notifications.kinds); it never reaches up into them."""
    found = [i for i in all_imports() if i.app == "notifications" and i.top in DOMAIN | TOP]
    wrong = [i for i in found if (i.path, i.top) not in NOTIFICATIONS_ALLOWED]
    assert not wrong, "notifications imports a domain app (move the code to that app):\n" + offending(wrong)


def test_only_api_imports_api():
    """The api app gathers the domain routers; nothing else may import it."""
    wrong = [i for i in all_imports() if i.top == "api" and i.app != "api"]
    assert not wrong, "An app other than api imports api:\n" + offending(wrong)


def test_no_app_imports_the_views_of_portal_or_api():
    """Domain apps never import portal's or api's views: the request layer sits on top of everything."""
    views = view_modules("portal") | view_modules("api")
    found = [
        i
        for i in all_imports()
        if i.app not in TOP and any(i.module == name or i.module.startswith(f"{name}.") for name in views)
    ]
    wrong = [i for i in found if (i.path, i.module) not in VIEWS_ALLOWED]
    assert not wrong, "An app imports the views of portal or api:\n" + offending(wrong)


def test_every_allowed_exception_is_still_used():
    """An allow-list entry nothing needs any more is removed, so the lists stay the real exceptions."""
    seen = {(i.path, i.top) for i in all_imports()} | {(i.path, i.module) for i in all_imports()}
    stale = [entry for entry in [*NOTIFICATIONS_ALLOWED, *VIEWS_ALLOWED] if entry not in seen]
    assert not stale, f"Allow-list entries that match no import any more: {stale}"


def test_no_app_imports_another_apps_views():
    """A view helper another app needs belongs in a module below the views (a form, a verb, a query): a views, api or
    urls module serves its own app's requests only (convening once imported a private helper of dialogues.views).
    The api app is the exception by design: it gathers every app's router."""
    wrong = []
    for found in all_imports():
        parts = found.module.split(".")
        if found.app == "api" or found.top == found.app or found.top not in apps() or len(parts) < 2:
            continue
        leaf = parts[1]
        if leaf in VIEW_NAMES or leaf.endswith("_views"):
            wrong.append(found)
    assert not wrong, "An app imports another app's views:\n" + offending(wrong)
