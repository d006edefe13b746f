from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_it_has_a_polish_catalogue():
    assert Path(settings.BASE_DIR, "locale/pl/LC_MESSAGES/django.po") in CATALOGUES


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
