"""Polish at the root, the same pages behind /uk/ and /en/, and the switch between them."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from activities.models import AgeGroup
from tests.factories import (
    ActivityFactory,
    LocationFactory,
    ProgrammeFactory,
    WeeklySessionFactory,
)

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.text).group(1)


@pytest.fixture
def programme():
    return ProgrammeFactory(
        name="PAL Na Skarpie",
        name_uk="PAL Na Skarpie",
        name_en="PAL Na Skarpie",
        slug="na-skarpie",
        summary="Zajęcia dla mieszkańców.",
        summary_uk="Заняття для мешканців.",
        summary_en="Activities for residents.",
    )


@pytest.mark.parametrize(("path", "lang"), [("/", "pl"), ("/uk/", "uk"), ("/en/", "en")])
def test_it_serves_each_language_at_its_prefix(client, path, lang):
    response = client.get(path)
    assert response.status_code == 200
    assert html_lang(response) == lang


@pytest.mark.parametrize("accept", ["uk", "en-GB,en;q=0.9", "uk-UA,uk;q=0.9,ru;q=0.5"])
def test_it_keeps_the_root_polish_whatever_the_browser_asks_for(client, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert html_lang(response) == "pl"


def test_it_sets_no_cookie_when_the_language_changes(client):
    assert not client.get("/uk/").cookies
    assert not client.get("/").cookies


@pytest.mark.parametrize(
    ("path", "text"),
    [("/", "Znajdź zajęcia"), ("/uk/", "Знайти заняття"), ("/en/", "Find activities")],
)
def test_it_translates_the_interface(client, path, text):
    assert text in client.get(path).text


def test_it_serves_a_programme_at_the_same_path_in_every_language(client, programme):
    assert client.get("/programy/na-skarpie/").status_code == 200
    assert "Заняття для мешканців." in client.get("/uk/programy/na-skarpie/").text
    assert "Activities for residents." in client.get("/en/programy/na-skarpie/").text


def test_it_links_to_the_same_page_in_each_language(client, programme):
    response = client.get("/uk/programy/na-skarpie/")
    switcher = re.search(r'<nav class="languages".*?</nav>', response.text, re.S).group()
    assert 'href="/programy/na-skarpie/" lang="pl" hreflang="pl"' in switcher
    assert 'href="/en/programy/na-skarpie/" lang="en" hreflang="en"' in switcher
    assert re.search(r'href="/uk/programy/na-skarpie/"[^>]*aria-current="true"', switcher)
    assert switcher.count("aria-current") == 1


def test_it_keeps_the_query_string_when_switching(client):
    response = client.get(reverse("activities:list"), {"q": "angielski", "weekday": "2"})
    assert 'href="/en/zajecia/?q=angielski&amp;weekday=2"' in response.text


def test_it_names_each_language_in_that_language(client):
    text = client.get("/en/").text
    assert 'lang="pl" hreflang="pl"' in text
    assert ">Polski<" in text and ">Українська<" in text and ">English<" in text


def test_it_lists_hreflang_alternates_with_polish_as_the_default(client, programme):
    text = client.get("/en/programy/na-skarpie/").text
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))
    assert alternates == {
        "pl": "http://testserver/programy/na-skarpie/",
        "x-default": "http://testserver/programy/na-skarpie/",
        "uk": "http://testserver/uk/programy/na-skarpie/",
        "en": "http://testserver/en/programy/na-skarpie/",
    }


def test_it_sends_the_switcher_of_an_unknown_address_to_each_home_page(client):
    response = client.get("/uk/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert 'href="/en/" lang="en"' in response.text


def test_it_lists_no_alternates_on_a_missing_page(client):
    response = client.get("/uk/programy/nie-ma-takiego/")
    assert response.status_code == 404
    assert 'rel="alternate"' not in response.text


@pytest.mark.parametrize(
    ("prefix", "text"),
    [("", "1 września 2023"), ("/uk", "1 вересня 2023"), ("/en", "1 September 2023")],
)
def test_it_writes_dates_in_the_visitors_language(client, prefix, text):
    programme = ProgrammeFactory(last_verified=datetime.date(2023, 9, 1))
    assert text in client.get(prefix + programme.get_absolute_url()).text


@pytest.mark.parametrize(
    ("prefix", "text"), [("", "wtorek"), ("/uk", "вівторок"), ("/en", "Tuesday")]
)
def test_it_names_weekdays_in_the_visitors_language(client, prefix, text):
    session = WeeklySessionFactory(weekday=2)
    assert text in client.get(prefix + session.activity.get_absolute_url()).text


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "Знайдено 1 заняття"), (3, "Знайдено 3 заняття"), (5, "Знайдено 5 занять")],
)
def test_it_uses_ukrainian_plural_forms(client, count, text):
    for _ in range(count):
        ActivityFactory()
    assert text in client.get("/uk/zajecia/").text


def test_it_needs_no_more_queries_in_another_language(client, programme):
    LocationFactory(programme=programme)
    ActivityFactory(programme=programme)
    counts = {}
    for prefix in ["", "/uk", "/en"]:
        with CaptureQueriesContext(connection) as queries:
            client.get(f"{prefix}/programy/na-skarpie/")
        counts[prefix] = len(queries)
    assert counts["/uk"] == counts[""] == counts["/en"]


def test_it_marks_untranslated_content_as_polish_and_says_so(client):
    programme = ProgrammeFactory(name="PAL Testowy", summary="Tylko po polsku.")
    response = client.get("/en" + programme.get_absolute_url())
    assert '<h1 lang="pl">PAL Testowy</h1>' in response.text
    assert '<p class="lead" lang="pl">Tylko po polsku.</p>' in response.text
    assert "Not translated yet: this text is shown in Polish." in response.text


def test_it_marks_nothing_when_content_is_translated(client, programme):
    response = client.get("/en/programy/na-skarpie/")
    assert "Not translated yet" not in response.text
    assert '<p class="lead">Activities for residents.</p>' in response.text


def test_it_never_marks_polish_pages(client):
    programme = ProgrammeFactory(name="PAL Testowy")
    response = client.get(programme.get_absolute_url())
    assert 'lang="pl">PAL' not in response.text
    assert "Jeszcze nieprzetłumaczone" not in response.text


def test_it_marks_an_untranslated_activity_on_its_card(client):
    ActivityFactory(title="Brydż", title_uk="Бридж", summary="Spotkania brydżowe.")
    # Cards show the summary where a search may have matched it.
    response = client.get("/uk/zajecia/", {"q": "spotkania"})
    assert (
        '<p class="card__summary" lang="pl"><mark>Spotkania</mark> brydżowe.</p>' in response.text
    )
    assert "Ще не перекладено" in response.text
    assert ">Бридж</a>" in response.text


def test_it_falls_back_to_polish_for_an_empty_translation():
    programme = ProgrammeFactory(name="PAL Testowy", name_uk="")
    with translation.override("uk"):
        assert programme.name == "PAL Testowy"


def test_it_sorts_untranslated_programmes_by_their_polish_name(client):
    """The same order on SQLite (NULLs first) and PostgreSQL (NULLs last)."""
    ProgrammeFactory(name="PAL A")
    ProgrammeFactory(name="PAL B", name_uk="PAL B")
    ProgrammeFactory(name="PAL C")
    response = client.get("/uk/programy/")
    assert [p.name_pl for p in response.context["object_list"]] == ["PAL A", "PAL B", "PAL C"]


def test_it_sorts_untranslated_activities_by_their_polish_title(client):
    programme = ProgrammeFactory()
    ActivityFactory(programme=programme, title="Angielski")
    ActivityFactory(programme=programme, title="Brydż", title_uk="Brydż")
    ActivityFactory(programme=programme, title="Chór")
    response = client.get("/uk/zajecia/")
    titles = [a.title_pl for a in response.context["object_list"]]
    assert titles == ["Angielski", "Brydż", "Chór"]


def test_it_marks_an_untranslated_name_in_the_breadcrumbs(client):
    activity = ActivityFactory(title="Brydż", programme=ProgrammeFactory(name="PAL Testowy"))
    response = client.get("/uk" + activity.get_absolute_url())
    breadcrumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', response.text, re.S).group()
    assert '<span lang="pl">PAL Testowy</span>' in breadcrumbs
    assert '<span lang="pl">Brydż</span>' in breadcrumbs


def test_it_escapes_an_untranslated_name(client):
    programme = ProgrammeFactory(name="PAL <b>Testowy</b>")
    response = client.get("/en" + programme.get_absolute_url())
    assert "<b>Testowy</b>" not in response.text
    assert '<span lang="pl">PAL &lt;b&gt;Testowy&lt;/b&gt;</span>' in response.text


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("programmes/programme", ["name", "summary", "description", "audience"]),
        ("programmes/district", ["name"]),
        ("activities/activity", ["title", "summary", "description", "eligibility"]),
        ("activities/topic", ["name", "description"]),
        ("activities/agegroup", ["name"]),
    ],
)
def test_it_offers_a_box_per_language_in_admin(admin_client, model, fields):
    app, name = model.split("/")
    text = admin_client.get(reverse(f"admin:{app}_{name}_add")).text
    for field in fields:
        for language in ["pl", "uk", "en"]:
            assert f'name="{field}_{language}"' in text


def test_it_requires_only_the_polish_text_in_admin(admin_client):
    response = admin_client.post(
        reverse("admin:activities_agegroup_add"),
        {"name_pl": "Babcie i dziadkowie", "slug": "babcie", "order": 0},
    )
    assert response.status_code == 302
    with translation.override("uk"):
        assert AgeGroup.objects.get(slug="babcie").name == "Babcie i dziadkowie"
