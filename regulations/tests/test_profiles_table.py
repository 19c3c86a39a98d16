"""Issue 12/17: the README's table of profiles is regenerated from the profiles (`manage.py profiles_table`)."""

import io

import pytest
from django.core.management import call_command

from regulations.layers import chain
from regulations.loading import SHIPPED_CODES, read_profile_file
from regulations.models import RegulationProfile
from regulations.table import COLUMNS, YAML_KEYS

pytestmark = pytest.mark.django_db


def table() -> str:
    out = io.StringIO()
    call_command("profiles_table", stdout=out)
    return out.getvalue()


def in_file(data: dict, relation: str) -> int:
    """Rows of that kind in a profile file: a list, or one mapping (`archive_incomplete`, `voter_request`)."""
    found = data.get(YAML_KEYS.get(relation, relation)) or []
    return 1 if isinstance(found, dict) else len(found)


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
        counts = [int(cell.split()[0]) for cell in found[code][4 : 4 + len(COLUMNS)]]
        assert counts == [in_file(data, name) for name, _label in COLUMNS], code


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
    assert found["luat-72-2025"][-1] == str(sum(in_file(law, name) for name, _label in COLUMNS))  # all summaries


def test_an_inherited_rule_says_from_which_regulation_with_its_citation(reference):
    """Luật 72/2025/QH15 Điều 43: a commune's plan states no voters' share; the table says it takes the law's."""
    text = table()
    voter = [label for name, label in COLUMNS].index("Tỷ lệ cử tri đề nghị") + 4
    found = rows(text)
    assert found["luat-72-2025"][voter] == "1"
    assert found["tan-ky-2025"][voter] == "0 (↑ `luat-72-2025`)"
    archive = [name for name, _label in COLUMNS].index("archive_rules") + 4
    assert found["gia-vien-2025"][archive] == "0 (↑ `hai-phong-1155-2023`)" and found["tan-ky-2025"][4 + 9] == "3"
    tan_ky = text.split("- **`tan-ky-2025`**:")[-1]
    assert "10% cử tri đề nghị (Luật 72/2025/QH15 Điều 43, tóm tắt, theo `luat-72-2025`)" in tan_ky
    assert "Đài truyền thanh xã (002 V.3)" in tan_ky


def test_every_rule_model_of_a_profile_has_a_column():
    """A rule model the table leaves out fails here (the voters' request share was missing)."""
    from regulations.models import RuleText

    relations = {
        relation.get_accessor_name()
        for relation in RegulationProfile._meta.related_objects
        if issubclass(relation.related_model, RuleText)
    }
    assert relations == {name for name, _label in COLUMNS}


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


def test_the_command_writes_only_the_readme_block(reference, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Đầu\n<!-- profiles_table:start -->\ncũ\n<!-- profiles_table:end -->\n## Cuối\n", encoding="utf-8")
    call_command("profiles_table", readme=readme, stdout=io.StringIO())
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Đầu\n<!-- profiles_table:start -->\n| Hồ sơ")
    assert text.endswith("<!-- profiles_table:end -->\n## Cuối\n")
    assert "cũ" not in text and table().strip() in text


def test_the_readme_holds_the_table_as_the_command_prints_it(reference):
    """Issue 12: the README's table of what each profile carries is regenerated from the profiles, not typed."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- profiles_table:start -->\n", "\n<!-- profiles_table:end -->"
    assert start in readme and end in readme
    block = readme.split(start, 1)[1].split(end, 1)[0]
    assert block.strip() == table().strip(), "Chạy lại `manage.py profiles_table` và dán vào README.md"
