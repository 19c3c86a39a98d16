"""Issue 12/17: the README's table of profiles is regenerated from the profiles (`manage.py profiles_table`)."""

import io

import pytest
from django.core.management import call_command

from regulations.layers import chain
from regulations.loading import SHIPPED_CODES, read_profile_file
from regulations.models import RegulationProfile
from regulations.table import COLUMNS

pytestmark = pytest.mark.django_db


def table() -> str:
    out = io.StringIO()
    call_command("profiles_table", stdout=out)
    return out.getvalue()


def rows(text: str) -> dict[str, list[str]]:
    found = {}
    for line in text.splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            found[cells[0].strip("`")] = cells
    return found


def test_the_table_has_one_row_per_profile_with_the_file_s_counts(reference):
    """Each count is the number of rows of that section in the profile's YAML file."""
    found = rows(table())
    assert set(found) == set(SHIPPED_CODES)
    for code in SHIPPED_CODES:
        data = read_profile_file(code)
        counts = [int(cell) for cell in found[code][4 : 4 + len(COLUMNS)]]
        assert counts == [len(data.get(name) or []) for name, _label in COLUMNS], code


def test_the_law_is_the_root_and_every_chain_is_shown(reference):
    text = table()
    found = rows(text)
    first = next(line for line in text.splitlines() if line.startswith("| `"))
    assert first.startswith("| `luat-72-2025`") and found["luat-72-2025"][2] == "(gốc)"
    for code in SHIPPED_CODES:
        above = [layer.code for layer in chain(RegulationProfile.objects.get(code=code))[1:]]
        assert found[code][2] == (" → ".join(f"`{name}`" for name in above) or "(gốc)")
    assert found["hong-an-qt-vp12"][2] == "`hai-phong-1155-2023` → `luat-72-2025`"
    law = read_profile_file("luat-72-2025")
    assert found["luat-72-2025"][-1] == str(sum(len(law.get(name) or []) for name, _label in COLUMNS))  # all summaries


def test_every_not_modelled_item_is_listed_with_its_reason(reference):
    text = table()
    for code in SHIPPED_CODES:
        items = read_profile_file(code).get("not_modelled") or []
        assert items, f"{code}: say what the seed says that is not modelled, and why"
        for item in items:
            assert f"{item['what']} — {item['why']}" in text


def test_a_change_in_a_profile_shows_in_the_table(reference):
    """The table is read from the profiles, not written by hand: a deleted rule changes its count."""
    before = rows(table())["dien-bien"][4]
    RegulationProfile.objects.get(code="dien-bien").deadlines.first().delete()
    assert int(rows(table())["dien-bien"][4]) == int(before) - 1


def test_the_readme_holds_the_table_as_the_command_prints_it(reference):
    """Issue 12: the README's table of what each profile carries is regenerated from the profiles, not typed."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- profiles_table:start -->\n", "\n<!-- profiles_table:end -->"
    assert start in readme and end in readme
    block = readme.split(start, 1)[1].split(end, 1)[0]
    assert block.strip() == table().strip(), "Chạy lại `manage.py profiles_table` và dán vào README.md"
