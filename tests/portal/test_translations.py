"""The English catalog: every Thai interface string translated, placeholders kept, .mo shipped."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfir]|%%")


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr/msgstr[n], flags."""
    entries, entry, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _space, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return [entry for entry in entries if entry["msgid"]]


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = po_entries(CATALOG / "django.po")
    assert len(entries) > 300
    untranslated = [e["msgid"] for e in entries if not all(translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == [], f"{len(untranslated)} untranslated, first: {untranslated[:3]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy, first: {fuzzy[:3]}"


def test_translations_keep_the_placeholders():
    for entry in po_entries(CATALOG / "django.po"):
        if "python-format" not in entry["flags"]:
            continue
        expected = sorted(set(PLACEHOLDER.findall(entry.get("msgid_plural", entry["msgid"]))))
        for value in translations(entry):
            found = sorted(set(PLACEHOLDER.findall(value)))
            # A singular form may leave the number out ("one item"), never add a name.
            assert set(found) <= set(expected) | {"%%"}, (entry["msgid"], value)


def test_compiled_catalog_is_shipped_and_matches_the_po():
    # A fresh machine has no msgfmt: the .mo in the repository is what runs.
    with (CATALOG / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in po_entries(CATALOG / "django.po"):
        if "msgid_plural" in entry:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr[0]"]
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
        else:
            key = entry["msgid"]
            if "msgctxt" in entry:
                assert compiled.pgettext(entry["msgctxt"], key) == entry["msgstr"]
            else:
                assert compiled.gettext(key) == entry["msgstr"], key
