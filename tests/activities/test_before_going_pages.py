"""Before going (issue 14) as visitors see it: the finder's language and step-free
filters, the card's facts and the activity and programme pages' honest unknowns."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from activities.models import ActivityStatus, HowToJoin
from programmes.models import ProgrammeStatus, StepFreeAccess
from tests.factories import ActivityFactory, LocationFactory, ProgrammeFactory, language

pytestmark = pytest.mark.django_db

FINDER = reverse("activities:list")


def found(response):
    return sorted(activity.title for activity in response.context["object_list"])


def at_place(title, step_free):
    location = LocationFactory(step_free=step_free)
    return ActivityFactory(title=title, programme=location.programme, location=location)


def test_it_filters_the_finder_by_language(client):
    ActivityFactory(title="Po ukraińsku", languages=[language("uk")])
    ActivityFactory(title="Po polsku", languages=[language("pl")])
    ActivityFactory(title="Nie wiadomo")
    assert found(client.get(FINDER, {"language": "uk"})) == ["Po ukraińsku"]


def test_it_does_not_count_an_unknown_language_as_polish(client):
    ActivityFactory(title="Po polsku", languages=[language("pl")])
    ActivityFactory(title="Nie wiadomo")
    assert found(client.get(FINDER, {"language": "pl"})) == ["Po polsku"]


def test_it_rejects_an_unknown_language_code(client):
    response = client.get(FINDER, {"language": "xx"})
    assert response.status_code == 400


def test_it_lists_only_places_marked_step_free(client):
    at_place("Bez schodów", StepFreeAccess.YES)
    at_place("Częściowo", StepFreeAccess.PARTLY)
    at_place("Schody", StepFreeAccess.NO)
    at_place("Nie sprawdzono", StepFreeAccess.UNKNOWN)
    assert found(client.get(FINDER, {"step_free": "on"})) == ["Bez schodów"]


def test_an_unticked_step_free_box_filters_nothing(client):
    at_place("Bez schodów", StepFreeAccess.YES)
    at_place("Nie sprawdzono", StepFreeAccess.UNKNOWN)
    assert len(found(client.get(FINDER, {"language": ""}))) == 2


def test_it_counts_the_places_nobody_checked_beside_step_free_results(client):
    at_place("Bez schodów", StepFreeAccess.YES)
    at_place("Nie sprawdzono", StepFreeAccess.UNKNOWN)
    at_place("Też nie", StepFreeAccess.UNKNOWN)
    LocationFactory(step_free=StepFreeAccess.UNKNOWN, programme=ProgrammeFactory(published=False))
    response = client.get(FINDER, {"step_free": "on"})
    assert response.context["filter"].places_with_unknown_access == 2
    assert "niesprawdzone pod kątem schodów: 2 –" in response.content.decode()


def test_it_shows_only_for_on_the_card(client):
    foster = ProgrammeFactory(only_for="Tylko dla rodzin zastępczych i rodzinnych domów dziecka")
    ActivityFactory(programme=foster)
    response = client.get(FINDER)
    assert "Tylko dla rodzin zastępczych i rodzinnych domów dziecka" in response.content.decode()


def test_it_shows_a_non_polish_language_on_the_card(client):
    ActivityFactory(languages=[language("uk")])
    assert "Język zajęć: ukraiński" in client.get(FINDER).content.decode()


def test_it_does_not_mention_polish_alone_on_the_card(client):
    ActivityFactory(languages=[language("pl")])
    assert "Język zajęć" not in client.get(FINDER).content.decode().split('id="results-heading"')[1]


@time_machine.travel(datetime.date(2026, 8, 10))
def test_it_shows_a_current_notice_on_the_card(client):
    ActivityFactory(
        notice="Przerwa wakacyjna do 31 sierpnia", notice_until=datetime.date(2026, 8, 31)
    )
    assert "Przerwa wakacyjna do 31 sierpnia" in client.get(FINDER).content.decode()


@time_machine.travel(datetime.date(2026, 9, 1))
def test_it_drops_an_ended_notice_from_the_card(client):
    ActivityFactory(
        notice="Przerwa wakacyjna do 31 sierpnia", notice_until=datetime.date(2026, 8, 31)
    )
    assert "Przerwa wakacyjna" not in client.get(FINDER).content.decode()


def test_the_activity_page_says_to_ask_how_to_join_when_unknown(client):
    activity = ActivityFactory()
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Zapytaj w programie, jak się zapisać" in page


def test_the_activity_page_says_how_to_join_when_known(client):
    activity = ActivityFactory(
        how_to_join=HowToJoin.SIGN_UP,
        how_to_join_note="U koordynatorki PAL",
        what_to_bring="Zmienne obuwie",
    )
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Najpierw trzeba się zapisać: U koordynatorki PAL" in page
    assert "Zapytaj w programie, jak się zapisać" not in page


def test_the_activity_page_says_what_to_bring(client):
    activity = ActivityFactory(what_to_bring="Zmienne obuwie")
    assert "Zmienne obuwie" in client.get(activity.get_absolute_url()).content.decode()


def test_the_activity_page_says_the_language_is_not_known(client):
    activity = ActivityFactory()
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Język zajęć</dt><dd>Nie wiadomo – zapytaj w programie" in page


def test_the_activity_page_lists_its_languages(client):
    activity = ActivityFactory(languages=[language("pl"), language("uk")])
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Język zajęć</dt><dd>polski, ukraiński" in page


def test_the_activity_page_gives_its_places_step_free_access(client):
    activity = at_place("Zajęcia", StepFreeAccess.PARTLY)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Dostęp bez barier</dt><dd>Częściowo bez barier" in page


def test_the_activity_page_says_step_free_access_is_not_known(client):
    activity = at_place("Zajęcia", StepFreeAccess.UNKNOWN)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Dostęp bez barier</dt><dd>Nie wiadomo – zapytaj w programie" in page


def test_the_activity_page_shows_the_programmes_only_for_line(client):
    activity = ActivityFactory(programme=ProgrammeFactory(only_for="Tylko dla rodzin zastępczych"))
    page = client.get(activity.get_absolute_url()).content.decode()
    assert '<p class="only-for">Tylko dla rodzin zastępczych</p>' in page


@time_machine.travel(datetime.date(2026, 8, 10))
def test_the_programme_page_shows_its_notice_and_only_for_line(client):
    programme = ProgrammeFactory(
        only_for="Tylko dla rodzin zastępczych",
        notice="Przerwa wakacyjna do 31 sierpnia",
        notice_until=datetime.date(2026, 8, 31),
    )
    page = client.get(programme.get_absolute_url()).content.decode()
    assert '<p class="temporary-notice">Przerwa wakacyjna do 31 sierpnia</p>' in page
    assert '<p class="only-for">Tylko dla rodzin zastępczych</p>' in page


def test_the_programme_page_says_step_free_access_is_not_known(client):
    location = LocationFactory(accessibility="Wejście od podwórza.")
    page = client.get(location.programme.get_absolute_url()).content.decode()
    assert "Dostęp bez barier: nie wiadomo." in page


def test_the_programme_page_says_once_that_nothing_is_known_about_access(client):
    location = LocationFactory()
    page = client.get(location.programme.get_absolute_url()).content.decode()
    assert "Nie wiemy jeszcze" in page
    assert "Dostęp bez barier: nie wiadomo." not in page


def test_the_programme_page_gives_a_checked_places_access(client):
    location = LocationFactory(step_free=StepFreeAccess.YES)
    page = client.get(location.programme.get_absolute_url()).content.decode()
    assert "<p>Bez barier." in page


def test_a_suspended_programme_says_so(client):
    programme = ProgrammeFactory(status=ProgrammeStatus.SUSPENDED)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Czasowo zawieszone" in page


def test_the_activity_page_speaks_ukrainian_behind_uk(client):
    activity = ActivityFactory(only_for="Tylko dla kobiet", only_for_uk="Лише для жінок")
    page = client.get(f"/uk{activity.get_absolute_url()}").text
    assert '<p class="only-for">Лише для жінок</p>' in page
    assert "Запитай у програмі, як записатися" in page


def test_an_untranslated_only_for_line_is_marked_polish(client):
    activity = ActivityFactory(only_for="Tylko dla kobiet")
    page = client.get(f"/en{activity.get_absolute_url()}").text
    assert '<p class="only-for"><span lang="pl">Tylko dla kobiet</span></p>' in page


def test_an_unticked_step_free_box_is_not_a_chip(client):
    ActivityFactory()
    response = client.get(FINDER, {"q": "zajęcia"})
    assert [chip["label"] for chip in response.context["filter"].chips] == ["Szukaj"]


def test_a_ticked_step_free_box_is_a_removable_chip(client):
    response = client.get(FINDER, {"step_free": "on"})
    [chip] = response.context["filter"].chips
    assert (chip["label"], chip["value"], chip["remove_query"]) == ("", "Bez barier", "")


def test_the_page_title_names_the_step_free_filter(client):
    response = client.get(FINDER, {"step_free": "on"})
    assert "<title>Znajdź bezpłatne zajęcia – Bez barier" in response.text


def test_a_suspended_activitys_card_says_so(client):
    ActivityFactory(status=ActivityStatus.SUSPENDED)
    assert '<p class="badge badge--suspended">Czasowo zawieszone</p>' in client.get(FINDER).text
