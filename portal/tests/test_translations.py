"""The Vietnamese catalog is complete and compiled (the UI is in Vietnamese; msgids are English)."""

import gettext
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES"


def test_every_message_is_translated_and_none_is_fuzzy():
    catalog = polib.pofile(str(LOCALE / "django.po"))
    assert len(catalog) > 200
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


def test_compiled_catalog_matches_the_source():
    catalog = polib.pofile(str(LOCALE / "django.po"))
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalog.translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_templates_and_code_have_no_untranslated_new_strings(tmp_path):
    """Every translatable string in the code is in the catalog (run `make messages` after adding one)."""
    import subprocess
    import sys

    root = LOCALE.parents[2]
    fresh = tmp_path / "locale"
    command = [sys.executable, str(root / "scripts" / "extract_messages.py"), str(fresh)]
    subprocess.run(command, check=True, cwd=root, capture_output=True)
    extracted = {entry.msgid for entry in polib.pofile(str(fresh / "vi" / "LC_MESSAGES" / "django.po"))}
    shipped = {entry.msgid for entry in polib.pofile(str(LOCALE / "django.po"))}
    assert extracted - shipped == set()
