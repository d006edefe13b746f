import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_it_has_a_catalogue_for_every_language():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert languages == {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_it_keeps_the_header_usable(path):
    """msgfmt skips a fuzzy header, and with it the charset and the plural rule."""
    catalogue = polib.pofile(path)
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == path.parts[-3]
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]


def test_it_gives_ukrainian_its_three_plural_forms():
    catalogue = polib.pofile(Path(settings.BASE_DIR, "locale/uk/LC_MESSAGES/django.po"))
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=3;")
    plurals = [entry for entry in catalogue if entry.msgid_plural]
    assert plurals
    assert all(len(entry.msgstr_plural) == 3 for entry in plurals)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_it_keeps_every_placeholder(path):
    """A translation that loses or renames %(name)s breaks the page."""
    pattern = re.compile(r"%\(\w+\)s")
    broken = []
    for entry in polib.pofile(path):
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if set(pattern.findall(text)) != set(pattern.findall(entry.msgid)):
                broken.append(entry.msgid)
    assert broken == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_it_translates_every_entry(path):
    untranslated = [entry.msgid for entry in polib.pofile(path).untranslated_entries()]
    assert untranslated == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_it_has_no_fuzzy_entries(path):
    fuzzy = [entry.msgid for entry in polib.pofile(path).fuzzy_entries()]
    assert fuzzy == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_it_keeps_the_compiled_catalogue_current(path):
    """`make run` and `make test` compile the .po files; a stale .mo would show old text."""
    compiled = path.with_suffix(".mo")
    assert compiled.exists()
    assert compiled.stat().st_mtime >= path.stat().st_mtime
