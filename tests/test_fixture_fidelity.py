"""The seed fixtures say what the source article says, and nothing more.

The article is the only source of the data in `fixtures/`. These tests load the fixtures
and check them against it: the programmes, addresses and people it names, the activities
it lists, and the rules in shared/design/domain.md ("Data rules for the fixtures").
"""

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from activities.models import Activity, ActivityStatus, AgeGroup, Partner
from programmes.models import Location, Programme, ProgrammeStatus, StaffContact

pytestmark = pytest.mark.django_db

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
FIXTURE_FILES = [FIXTURES_DIR / "vocabularies.json", FIXTURES_DIR / "programmes.json"]
ARTICLE = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_8a6942f109735d98.txt"

PROGRAMME_NAME_STEMS = ["Na Skarpie", "Zesławice i Kantorowice", "Mistrzejowice", "Wróżenice"]
ADDRESSES = [
    "os. Na Skarpie 35",
    "ul. Morcinka 40",
    "ul. Kuczkowskiego 3/2U",
    "ul. Wróżenicka 49",
    "os. Słoneczne 14",
]
# Each person the article quotes, and the programme it says they are from.
PEOPLE = [
    ("Rafał Basista", "na-skarpie"),
    ("Elżbieta Jurczuk", "zeslawice-i-kantorowice"),
    ("Marta Matera", "mistrzejowice"),
    ("Krystyna Pawełek", "wrozenice"),
]
# Phrases that must name an activity and that the cleaned article must contain.
KEY_ACTIVITY_PHRASES = [
    "„Kałe Jakha”",
    "Huta Champions League",
    "„Trzy kolory”",
    "„Rozruch”",
    "Klub Rodzica",
    "Komputerowy turniej piłkarski",
    "ogólnousprawniając",
    "warsztaty logopedyczne",
    "zaburzeń mowy",
    "warsztaty z rękodzieła dla dzieci i dorosłych",
    "zajęcia z siatkówki",
    "Pozytywn",
    "spotkania brydżowe",
    "Qigong",
    "programowania w języku Java",
    "stajni Zaczarowane Wzgórze w Czasławiu",
    "Ogrodu Doświadczeń",
    "zadań domowych",
    "jazda konna",
    "nauka pływania",
    "Muzeum Lotnictwa Polskiego",
    "Centrum Edukacji Przyrodniczej",
    "parku trampolin",
    "do Korzkwi",
    "Dnia Rodzicielstwa Zastępczego",
]
# Split ligatures the PDF extraction left in the article.
LIGATURE_SPLITS = ["ofi cj", "profi l", "efi cj", "kwalifi k", "identyfi k"]
LOWER = "a-ząćęłńóśźż"


def cleaned(text):
    """The article as a reader sees it: no line-break hyphens, ligatures joined."""
    text = re.sub(r"(?<=\w)-[ \t]*\n\s*(?=\w)", "", text)
    text = re.sub(r"(?<=\w)fi (?=\w)", "fi", text)
    return re.sub(r"\s+", " ", text)


def line_break_splits(text):
    """Words the PDF broke across lines, as they look if the hyphen were kept: "spo-łeczności"."""
    return {f"{a}-{b}" for a, b in re.findall(r"(\w+)-[ \t]*\n\s*(\w+)", text)}


def fixture_strings():
    """Every string value of every object in the fixture files."""

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    strings = []
    for path in FIXTURE_FILES:
        strings.extend(walk(json.loads(path.read_text(encoding="utf-8"))))
    return strings


@pytest.fixture
def seeded():
    call_command("load_seed", verbosity=0)


@pytest.fixture(scope="module")
def article():
    return cleaned(ARTICLE.read_text(encoding="utf-8"))


# 1. Programmes


@pytest.mark.parametrize("stem", PROGRAMME_NAME_STEMS)
def test_it_has_each_named_programme(seeded, stem):
    assert Programme.objects.filter(name__contains=stem).count() == 1


def test_it_has_the_foster_family_programme_at_sloneczne_14(seeded):
    assert Programme.objects.filter(name__contains="Słoneczne 14").count() == 1


def test_it_has_only_the_five_programmes_of_the_article(seeded):
    assert Programme.objects.count() == 5


# 2. Addresses


@pytest.mark.parametrize("address", ADDRESSES)
def test_it_has_each_address_of_the_article_as_a_location(seeded, address):
    assert Location.objects.filter(address=address).exists()


def test_it_puts_mistrzejowice_in_district_xv(seeded):
    location = Location.objects.get(address="ul. Kuczkowskiego 3/2U")
    assert location.district.numeral == "XV"


def test_it_puts_morcinka_in_district_xvii(seeded):
    location = Location.objects.get(address="ul. Morcinka 40")
    assert location.district.numeral == "XVII"


# 3. People


@pytest.mark.parametrize(("name", "programme_slug"), PEOPLE)
def test_it_lists_each_person_under_their_programme(seeded, name, programme_slug):
    assert StaffContact.objects.get(name=name).programme.slug == programme_slug


def test_it_has_only_the_four_people_of_the_article(seeded):
    assert StaffContact.objects.count() == 4


def test_it_gives_no_contact_a_role(seeded):
    assert not StaffContact.objects.exclude(role="").exists()


def test_it_gives_no_contact_a_phone(seeded):
    assert not StaffContact.objects.exclude(phone="").exists()


def test_it_gives_no_contact_an_email(seeded):
    assert not StaffContact.objects.exclude(email="").exists()


# 4. Activities named in the article


@pytest.mark.parametrize("phrase", KEY_ACTIVITY_PHRASES)
def test_it_has_an_activity_for_each_key_phrase(seeded, phrase):
    titles = [title.casefold() for title in Activity.objects.values_list("title", flat=True)]
    assert any(phrase.casefold() in title for title in titles)


@pytest.mark.parametrize("phrase", KEY_ACTIVITY_PHRASES)
def test_it_takes_each_key_phrase_from_the_article(article, phrase):
    assert phrase.casefold() in article.casefold()


def test_it_has_more_than_forty_activities(seeded):
    assert Activity.objects.count() > 40


# 5. No PDF artefacts


@pytest.mark.parametrize("split", LIGATURE_SPLITS)
def test_it_has_no_split_ligature(split):
    assert not [text for text in fixture_strings() if split in text]


def test_it_has_no_split_fi_ligature_of_any_word():
    pattern = re.compile(rf"(?<=\w)fi (?=[{LOWER}])")
    assert not [text for text in fixture_strings() if pattern.search(text)]


def test_it_has_no_soft_hyphen():
    assert not [text for text in fixture_strings() if "\u00ad" in text]


def test_it_has_no_word_broken_by_a_hyphen_and_a_space():
    pattern = re.compile(rf"[{LOWER}]- [{LOWER}]")
    assert not [text for text in fixture_strings() if pattern.search(text)]


def test_it_has_no_hyphen_before_a_line_break():
    assert not [text for text in fixture_strings() if "-\n" in text]


def test_it_has_no_word_the_article_broke_across_lines():
    splits = line_break_splits(ARTICLE.read_text(encoding="utf-8"))
    found = [split for split in splits for text in fixture_strings() if split in text]
    assert not found


def test_it_cleans_the_article_before_comparing(article):
    # Guards the cleaning itself, so the phrase tests above cannot pass on raw text.
    assert "społeczności" in article


# 6. Data rules


def test_it_loads_twice_without_duplicating(seeded):
    before = (Programme.objects.count(), Activity.objects.count(), Location.objects.count())
    call_command("loaddata", "vocabularies", "programmes", verbosity=0)
    after = (Programme.objects.count(), Activity.objects.count(), Location.objects.count())
    assert after == before


def test_it_limits_rozruch_to_district_xvii(seeded):
    rozruch = Activity.objects.get(slug="projekt-socjalny-rozruch-4-edycja")
    assert "XVII" in rozruch.eligibility


def test_it_accepts_either_certificate_for_rozruch(seeded):
    rozruch = Activity.objects.get(slug="projekt-socjalny-rozruch-4-edycja")
    assert "niepełnosprawności albo orzeczenie o niezdolności do pracy" in rozruch.eligibility


def test_it_gives_rozruch_services_the_same_eligibility(seeded):
    rozruch = Activity.objects.get(slug="projekt-socjalny-rozruch-4-edycja")
    services = Activity.objects.filter(title__contains="„Rozruch”").exclude(pk=rozruch.pk)
    assert {service.eligibility for service in services} == {rozruch.eligibility}


def test_it_ends_rozruch_at_the_end_of_2023(seeded):
    rozruch = Activity.objects.get(slug="projekt-socjalny-rozruch-4-edycja")
    assert rozruch.ends_on == date(2023, 12, 31)


def test_it_has_school_85_as_the_only_partner(seeded):
    assert list(Partner.objects.values_list("name", flat=True)) == ["Szkoła Podstawowa nr 85"]


def test_it_attaches_school_85_only_to_volleyball(seeded):
    school = Partner.objects.get(name="Szkoła Podstawowa nr 85")
    assert list(school.activities.values_list("title", flat=True)) == ["Zajęcia z siatkówki"]


def test_it_gives_no_location_coordinates(seeded):
    assert not Location.objects.filter(latitude__isnull=False).exists()


def test_it_gives_no_location_a_postal_code(seeded):
    assert not Location.objects.exclude(postal_code="").exists()


def test_it_marks_wrozenice_as_starting_soon(seeded):
    assert Programme.objects.get(slug="wrozenice").status == ProgrammeStatus.STARTING_SOON


def test_it_marks_the_other_programmes_active(seeded):
    others = Programme.objects.exclude(slug="wrozenice")
    assert set(others.values_list("status", flat=True)) == {ProgrammeStatus.ACTIVE}


def test_it_makes_the_sloneczne_programme_citywide(seeded):
    assert Programme.objects.get(name__contains="Słoneczne 14").citywide


def test_it_claims_no_person_has_verified_a_programme(seeded):
    assert not Programme.objects.filter(last_verified__isnull=False).exists()


def test_it_claims_no_person_has_verified_an_activity(seeded):
    assert not Activity.objects.filter(last_verified__isnull=False).exists()


def test_it_makes_every_activity_free(seeded):
    assert not Activity.objects.filter(free_of_charge=False).exists()


def test_it_names_seniors_for_no_activity(seeded):
    assert not AgeGroup.objects.get(slug="seniorzy").activities.exists()


def test_it_gives_no_activity_an_age_in_years(seeded):
    assert not Activity.objects.filter(min_age__isnull=False).exists()


def test_it_gives_pilates_no_age_group(seeded):
    assert not Activity.objects.get(title="Pilates").age_groups.exists()


def test_it_holds_slavic_gymnastics_at_the_seat(seeded):
    gymnastics = Activity.objects.get(title__contains="Gimnastyka słowiańska")
    assert gymnastics.location.address == "ul. Morcinka 40"


def test_it_uses_lower_case_ascii_slugs(seeded):
    slugs = [
        *Programme.objects.values_list("slug", flat=True),
        *Activity.objects.values_list("slug", flat=True),
    ]
    assert [slug for slug in slugs if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)] == []


def test_it_keeps_staff_edits_when_the_seed_command_runs_again(seeded):
    programme = Programme.objects.get(slug="na-skarpie")
    programme.summary = "Poprawione przez pracownika MOPS."
    programme.save()
    call_command("load_seed", verbosity=0)
    programme.refresh_from_db()
    assert programme.summary == "Poprawione przez pracownika MOPS."


# 7. Every sentence true (issue 15)

LANGUAGES = ["pl", "uk", "en"]
# Conditions of taking part, as each language names them (regular expressions, pl/uk/en);
# a translation names the same ones.
CONDITIONS = {
    "disability": ("niepełnospraw", "інвалідн", "disabilit"),
    "incapacity for work": ("niezdolności do pracy", "непрацездатн", "incapacity for work"),
    "district XVII": (r"\bXVII\b", r"\bXVII\b", r"\bXVII\b"),
    "women": ("kobiet", "жінок", "women"),
    "school age": (r"\bszkoln", r"\bшкільн", r"\bschool\b"),
    "preschool age": ("przedszkoln", "дошкільн", "preschool"),
}
CERTIFICATE = ("orzeczen", "довідк", "certificate")
SEED_TIME = datetime(2026, 12, 2, 4, 30, tzinfo=UTC)


def fixture_objects():
    for path in FIXTURE_FILES:
        yield from json.loads(path.read_text(encoding="utf-8"))


def texts_in_every_language():
    """(object, field, {language: text}) for every translated text of the fixtures."""
    for obj in fixture_objects():
        fields = obj["fields"]
        for name, text in fields.items():
            if isinstance(text, str) and f"{name}_uk" in fields and text:
                yield (
                    obj,
                    name,
                    {"pl": text, "uk": fields[f"{name}_uk"], "en": fields[f"{name}_en"]},
                )


def named_conditions(text, language):
    index = LANGUAGES.index(language)
    return {name for name, words in CONDITIONS.items() if re.search(words[index], text)}


def test_it_names_the_same_conditions_in_every_language():
    differing = [
        (obj["fields"].get("slug"), field)
        for obj, field, texts in texts_in_every_language()
        if len({frozenset(named_conditions(text, lang)) for lang, text in texts.items()}) > 1
    ]
    assert differing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_names_both_rozruch_certificates_wherever_a_certificate_is_named(language):
    index = LANGUAGES.index(language)
    one_route = [
        (obj["fields"].get("slug"), field)
        for obj, field, texts in texts_in_every_language()
        if CERTIFICATE[index] in texts[language]
        and not {"disability", "incapacity for work"} <= named_conditions(texts[language], language)
    ]
    assert one_route == []


def test_it_names_no_publisher_for_the_article():
    sources = [
        text
        for obj in fixture_objects()
        for name, text in obj["fields"].items()
        if name.startswith("source") and isinstance(text, str) and name != "source_note"
    ]
    assert sources
    assert [text for text in sources if "MOPS" in text] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_says_the_articles_year_is_inferred(language):
    field = "source" if language == "pl" else f"source_{language}"
    marker = {"pl": "ok. 2023", "uk": "приблизно з 2023", "en": "about 2023"}[language]
    sources = {obj["fields"][field] for obj in fixture_objects() if field in obj["fields"]}
    assert sources
    assert all(marker in source for source in sources)


def test_it_gives_every_seeded_programme_the_year_of_its_source(seeded):
    assert set(Programme.objects.values_list("source_year", flat=True)) == {2023}


def test_it_says_various_age_groups_not_all_ages_in_english():
    assert [
        texts["en"] for _obj, _field, texts in texts_in_every_language() if "all age" in texts["en"]
    ] == []


def test_it_keeps_various_age_groups_in_english_where_the_polish_says_so():
    loose = [
        texts["en"]
        for _obj, _field, texts in texts_in_every_language()
        if ("różnych grup wiekowych" in texts["pl"] or "w różnym wieku" in texts["pl"])
        and "various" not in texts["en"]
    ]
    assert loose == []


@pytest.mark.parametrize(
    ("language", "wrong"),
    [
        ("uk", "села"),  # Korzkiew: the article does not say it is a village
        ("uk", "святков"),  # "okolicznościowe": for special occasions, not holidays
        ("en", "Occasional"),
        ("en", "occasional"),
        ("uk", "іжпоколіннєв"),  # "міжпоколінні"
        ("uk", "умов життя"),  # "warunków funkcjonowania"
        ("en", "living conditions"),  # neither "funkcjonowania" nor "mieszkaniowych"
        ("en", "traditional Chinese"),  # "starochińskie"
        ("en", "trips together showed"),  # "wspólne wyjazdy": joint trips
    ],
)
def test_it_keeps_the_nuance_of_the_polish(language, wrong):
    assert [
        texts[language]
        for _obj, _field, texts in texts_in_every_language()
        if wrong in texts[language]
    ] == []


def test_it_calls_the_java_courses_courses(seeded):
    assert Activity.objects.get(slug="kurs-programowania-java-mistrzejowice").title == (
        "Kursy programowania w języku Java"
    )


def test_it_says_the_java_courses_are_courses_in_the_programme_summary(seeded):
    assert "kursy programowania" in Programme.objects.get(slug="mistrzejowice").summary


@pytest.mark.parametrize(
    "slug",
    [
        "spotkania-brydzowe-mistrzejowice",
        "qigong-mistrzejowice",
        "kurs-programowania-java-mistrzejowice",
        "warsztaty-z-rekodziela-mistrzejowice",
        "miedzypokoleniowe-wyjscia-i-wycieczki-mistrzejowice",
    ],
)
def test_it_continues_every_activity_marta_matera_lists_from_september(seeded, slug):
    assert "od września" in Activity.objects.get(slug=slug).timing_note


def test_it_continues_all_of_mistrzejowices_activities_in_the_programme_text(seeded):
    description = Programme.objects.get(slug="mistrzejowice").description
    assert "Wszystkie te aktywności mają być kontynuowane od września" in description


@pytest.mark.parametrize(
    "slug", ["wyjazd-integracyjno-edukacyjny-do-korzkwi", "piknik-dzien-rodzicielstwa-zastepczego"]
)
def test_it_does_not_call_a_2022_event_running(seeded, slug):
    assert Activity.objects.get(slug=slug).status == ActivityStatus.FINISHED


@pytest.mark.parametrize(
    ("model", "lookup", "words"),
    [
        (Programme, {"slug": "zeslawice-i-kantorowice"}, "ul. Morcinka 40"),
        (Programme, {"slug": "mistrzejowice"}, "ul. Kuczkowskiego 3/2U"),
        (Activity, {"slug": "pomoc-w-nauce-rodziny-zastepcze"}, "wieku"),
        (Activity, {"slug": "zajecia-taneczne-rodziny-zastepcze"}, "Sport i ruch"),
        (Activity, {"slug": "komputerowy-turniej-pilkarski-na-skarpie"}, "odbyło się"),
        (Activity, {"slug": "zajecia-z-rekodziela-zeslawice"}, "trwa"),
        (Activity, {"slug": "projekt-socjalny-rozruch-4-edycja"}, "do końca tego roku"),
    ],
)
def test_it_tells_staff_what_the_fixture_inferred(seeded, model, lookup, words):
    assert words in model.objects.get(**lookup).source_note


def test_it_tells_staff_the_year_is_inferred_for_every_programme(seeded):
    notes = Programme.objects.values_list("source_note", flat=True)
    assert all("rok 2023" in note and "wywnioskowano" in note for note in notes)


def test_it_claims_no_age_group_for_homework_help(seeded):
    assert not Activity.objects.get(slug="pomoc-w-nauce-rodziny-zastepcze").age_groups.exists()


def test_it_gives_no_row_a_made_up_timestamp():
    stamped = [
        obj["model"]
        for obj in fixture_objects()
        if "created_at" in obj["fields"] or "updated_at" in obj["fields"]
    ]
    assert stamped == []


def test_it_stamps_seeded_rows_with_the_time_they_were_loaded(db):
    with time_machine.travel(SEED_TIME, tick=False):
        call_command("load_seed", verbosity=0)
    stamps = {
        *Programme.objects.values_list("created_at", "updated_at"),
        *Activity.objects.values_list("created_at", "updated_at"),
    }
    assert stamps == {(SEED_TIME, SEED_TIME)}


def test_it_gives_the_sitemap_the_load_time_as_lastmod(db, client):
    with time_machine.travel(SEED_TIME, tick=False):
        call_command("load_seed", verbosity=0)
    response = client.get("/sitemap.xml")
    assert "2023-09-01" not in response.text
    assert "<lastmod>2026-12-02</lastmod>" in response.text


# 8. Pages say which dates and statuses are the article's (issue 15)


def page(client, model, slug, prefix=""):
    return client.get(prefix + model.objects.get(slug=slug).get_absolute_url()).content.decode()


def test_it_shows_wrozenice_as_starting_soon_as_of_the_article(seeded, client):
    assert "Wkrótce startuje (stan z 2023 r.)" in page(client, Programme, "wrozenice")


@pytest.mark.parametrize(
    "slug",
    [
        "warsztaty-logopedyczne-dla-dzieci-zeslawice",
        "kurs-pozytywna-dyscyplina-mistrzejowice",
        "warsztaty-dla-dzieci-i-doroslych-wrozenice",
    ],
)
def test_it_shows_planned_activities_as_planned_as_of_the_article(seeded, client, slug):
    assert "Planowane (stan z 2023 r.)" in page(client, Activity, slug)


def test_it_shows_a_running_activity_as_running_as_of_the_article(seeded, client):
    assert "Trwa (stan z 2023 r.)" in page(client, Activity, "pilates-na-skarpie")


@pytest.mark.parametrize(
    "slug",
    [
        "projekt-socjalny-rozruch-4-edycja",
        "rozruch-zabiegi-ogolnousprawniajace",
        "rozruch-porady-dietetyka",
    ],
)
def test_it_never_shows_rozruch_running_after_its_end(seeded, client, slug):
    with time_machine.travel(date(2024, 1, 2)):
        html = page(client, Activity, slug)
    assert "Zakończone 31 grudnia 2023" in html
    assert "Trwa" not in html


def test_it_showed_rozruch_running_before_its_end(seeded, client):
    with time_machine.travel(date(2023, 10, 2)):
        html = page(client, Activity, "projekt-socjalny-rozruch-4-edycja")
    assert "Trwa (stan z 2023 r.)" in html


def test_it_lists_rozruch_as_ended_on_its_programme_page(seeded, client):
    html = page(client, Programme, "zeslawice-i-kantorowice")
    assert "zakończone 31 grudnia 2023" in html


@pytest.mark.parametrize(
    ("slug", "date_text"),
    [
        ("huta-champions-league-14-edycja", "Od sierpnia 2023 r. (14. edycja)"),
        ("warsztaty-logopedyczne-dla-dzieci-zeslawice", "Od września 2023 r."),
        ("projekt-socjalny-rozruch-4-edycja", "4. edycja, potrwa do końca 2023 r."),
        ("spotkania-i-konsultacje-z-mieszkancami-wrozenice", "Wakacje 2023 r."),
    ],
)
def test_it_marks_the_articles_dates_as_the_articles(seeded, client, slug, date_text):
    html = page(client, Activity, slug)
    assert f"{date_text} (według źródła z 2023 r.)" in html


@pytest.mark.parametrize(
    ("model", "slug"), [(Programme, "na-skarpie"), (Activity, "huta-champions-league-14-edycja")]
)
def test_it_says_the_dates_in_the_text_are_not_todays_plan(seeded, client, model, slug):
    assert "to nie jest obecny plan" in page(client, model, slug)


def test_it_marks_the_articles_dates_on_activity_cards(seeded, client):
    html = client.get("/zajecia/", {"q": "logopedyczne"}).content.decode()
    assert "Od września 2023 r. (według źródła z 2023 r.)" in html


def test_it_says_as_of_in_ukrainian(seeded, client):
    html = page(client, Programme, "wrozenice", prefix="/uk")
    assert "(станом на 2023 рік)" in html


def test_it_stops_saying_as_of_once_staff_check_the_programme(seeded, client):
    Programme.objects.filter(slug="wrozenice").update(last_verified=date(2026, 11, 30))
    html = page(client, Programme, "wrozenice")
    assert "stan z 2023" not in html


def test_it_keeps_source_notes_off_public_pages(seeded, client):
    html = page(client, Programme, "zeslawice-i-kantorowice")
    assert "wywnioskowano" not in html


def test_it_shows_source_notes_to_staff_in_admin(seeded, admin_client):
    programme = Programme.objects.get(slug="mistrzejowice")
    response = admin_client.get(f"/admin/programmes/programme/{programme.pk}/change/")
    assert "na podstawie nazwy programu" in response.content.decode()


# 9. The about page (issue 15)


@pytest.mark.parametrize(
    "aim",
    [
        "poczucie sprawczości i odpowiedzialności",
        "wzajemne relacje i jakość życia",
        "sieci współpracy wśród sąsiadów i lokalnych przedsiębiorców",
        "podnosić kwalifikacje i kompetencje",
    ],
)
def test_it_gives_the_articles_aims_on_the_about_page(client, aim):
    assert aim in client.get(reverse("about")).content.decode()


def test_it_names_no_publisher_on_the_about_page(client):
    html = client.get(reverse("about")).content.decode()
    assert "opublikowanego przez MOPS" not in html


def test_it_says_the_article_is_undated_on_the_about_page(client):
    html = client.get(reverse("about")).content.decode()
    assert "Artykuł nie podaje wydawcy ani daty" in html


# Before going (issue 14): only what the article says outright.


def test_only_the_groups_the_article_names_are_marked_only_for(seeded, article):
    """The foster-family programme ("skierowany jest do rodzin zastępczych"), Rozruch
    ("skierowany do osób, które posiadają orzeczenie … mieszkających w dzielnicy XVII")
    and Slavic gymnastics ("kierowane do kobiet"); nothing else."""
    assert "skierowany jest do rodzin zastępczych" in article
    assert "kierowane do kobiet" in article
    programmes = {p.slug for p in Programme.objects.filter(only_for_pl__gt="")}
    assert programmes == {"rodziny-zastepcze-os-sloneczne"}
    marked = set(Activity.objects.filter(only_for_pl__gt="").values_list("title_pl", flat=True))
    assert len(marked) == 4
    assert "Gimnastyka słowiańska dla kobiet" in marked
    assert all("Rozruch" in title for title in marked - {"Gimnastyka słowiańska dla kobiet"})


def test_the_seed_guesses_no_way_of_joining_language_or_step_free_access(seeded):
    assert not Activity.objects.exclude(how_to_join="").exists()
    assert not Activity.objects.filter(languages__isnull=False).exists()
    assert not Location.objects.exclude(step_free="").exists()
    assert not Activity.objects.filter(notice_pl__gt="").exists()


def test_the_foster_family_programmes_activities_say_who_they_are_for(seeded):
    activities = Activity.objects.filter(programme__slug="rodziny-zastepcze-os-sloneczne")
    assert activities.count() == 19
    assert {a.only_for_text for a in activities} == {
        "Tylko dla rodzin zastępczych i rodzinnych domów dziecka z Krakowa"
    }
