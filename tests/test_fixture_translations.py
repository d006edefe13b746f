"""The seed fixtures carry Ukrainian and English for every text, proper names kept."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from modeltranslation.translator import translator

from activities.models import Activity
from programmes.models import District

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
# Every field registered with modeltranslation, so a newly translated field is
# checked in the fixtures too.
TRANSLATED = {
    model._meta.label_lower: sorted(translator.get_options_for_model(model).fields)
    for model in translator.get_registered_models(abstract=False)
}
# Proper names that stay as they are in every language, by the activity that has them.
PROPER_NAMES = [
    ("zespol-muzyki-romskiej-kale-jakha", "Kałe Jakha"),
    ("huta-champions-league-14-edycja", "Huta Champions League"),
    ("projekt-trzy-kolory-35-edycja", "Trzy kolory"),
    ("projekt-socjalny-rozruch-4-edycja", "Rozruch"),
    ("klub-rodzica-na-skarpie", "Klub Rodzica"),
    ("kurs-pozytywna-dyscyplina-mistrzejowice", "Pozytywna dyscyplina"),
]
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def objects():
    for name in ["vocabularies", "programmes"]:
        for obj in json.loads((FIXTURES_DIR / f"{name}.json").read_text(encoding="utf-8")):
            if obj["model"] in TRANSLATED:
                yield obj


def texts(language):
    for obj in objects():
        for field in TRANSLATED[obj["model"]]:
            if obj["fields"].get(field):
                yield obj, field, obj["fields"].get(f"{field}_{language}")


@pytest.mark.parametrize("language", ["uk", "en"])
def test_it_translates_every_text_of_the_seed(language):
    missing = [
        (obj["model"], obj["fields"].get("slug"), field)
        for obj, field, text in texts(language)
        if not text
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["uk", "en"])
def test_it_adds_no_translation_where_the_polish_is_empty(language):
    extra = [
        (obj["model"], field)
        for obj in objects()
        for field in TRANSLATED[obj["model"]]
        if obj["fields"].get(f"{field}_{language}") and not obj["fields"].get(field)
    ]
    assert extra == []


def test_it_writes_ukrainian_in_cyrillic():
    latin_only = [
        text for _obj, field, text in texts("uk") if field != "name" and not CYRILLIC.search(text)
    ]
    assert latin_only == []


def test_it_writes_no_cyrillic_in_english():
    assert [text for _obj, _field, text in texts("en") if CYRILLIC.search(text)] == []


@pytest.mark.parametrize("language", ["uk", "en"])
@pytest.mark.parametrize(("slug", "name"), PROPER_NAMES)
def test_it_keeps_proper_names(language, slug, name):
    activity = next(o for o in objects() if o["fields"].get("slug") == slug)
    assert name in activity["fields"][f"title_{language}"]


@pytest.mark.parametrize("language", ["uk", "en"])
def test_it_keeps_the_numbers_of_the_polish_text(language):
    """No figure added or lost in translation (years, editions, 105 families, school 85)."""
    changed = []
    for obj, field, text in texts(language):
        polish = obj["fields"][field]
        if set(re.findall(r"\d+", polish)) != set(re.findall(r"\d+", text)):
            changed.append((obj["fields"].get("slug"), field))
    assert changed == []


@pytest.mark.django_db
def test_it_names_every_district_in_ukrainian_and_english():
    assert not District.objects.filter(name_uk__isnull=True).exists()
    assert District.objects.get(slug="nowa-huta").name_uk == "Нова Гута"
    assert District.objects.get(slug="nowa-huta").name_en == "Nowa Huta"


@pytest.mark.django_db
def test_it_loads_the_polish_text_into_the_polish_columns():
    with translation.override("uk"):
        call_command("load_seed", verbosity=0)
    activity = Activity.objects.get(slug="zajecia-z-siatkowki-mistrzejowice")
    assert activity.title_pl == "Zajęcia z siatkówki"
    assert activity.title_uk == "Заняття з волейболу"
    assert activity.title_en == "Volleyball classes"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "query", "slug"),
    [
        ("/uk", "волейболу", "zajecia-z-siatkowki-mistrzejowice"),
        ("/uk", "англійської", "jezyk-angielski-grupa-poczatkujaca-zeslawice"),
        ("/uk", "плаванню", "nauka-plywania-rodziny-zastepcze"),
        ("/en", "swimming", "nauka-plywania-rodziny-zastepcze"),
        ("/en", "volleyball", "zajecia-z-siatkowki-mistrzejowice"),
        ("", "pływanie", "nauka-plywania-rodziny-zastepcze"),
    ],
)
def test_it_finds_seeded_activities_in_each_language(prefix, query, slug):
    call_command("load_seed", verbosity=0)
    response = Client().get(f"{prefix}/zajecia/", {"q": query})
    assert f"/zajecia/{slug}/" in response.text


@pytest.mark.django_db
def test_it_adds_the_seed_translations_to_a_database_seeded_before_them():
    call_command("load_seed", verbosity=0)
    Activity.objects.update(title_uk=None, summary_uk=None, search_text="", search_title="")
    kept = Activity.objects.get(slug="pilates-na-skarpie")
    kept.title_uk = "Пілатес (змінено)"
    kept.save()
    call_command("load_seed_translations", verbosity=0)
    assert Activity.objects.get(slug="zajecia-z-siatkowki-mistrzejowice").title_uk == (
        "Заняття з волейболу"
    )
    assert Activity.objects.get(slug="pilates-na-skarpie").title_uk == "Пілатес (змінено)"
    with translation.override("uk"):
        assert Activity.objects.search("волейболу").filter(slug__contains="siatkowki").exists()
