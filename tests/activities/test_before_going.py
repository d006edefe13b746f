"""What a resident needs to know before going: who only may take part, a temporary
notice, how to join, the language of the activity, step-free access (issue 14)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from activities.models import Activity, HowToJoin
from programmes.models import StepFreeAccess
from tests.factories import ActivityFactory, LocationFactory, ProgrammeFactory, language

pytestmark = pytest.mark.django_db


def titles(queryset):
    return sorted(activity.title for activity in queryset)


def test_it_takes_only_for_from_the_programme_when_the_activity_has_none():
    foster = ProgrammeFactory(only_for="Tylko dla rodzin zastępczych")
    activity = ActivityFactory(programme=foster)
    assert activity.only_for_text == "Tylko dla rodzin zastępczych"


def test_it_prefers_the_activitys_own_only_for_line():
    programme = ProgrammeFactory(only_for="Tylko dla rodzin zastępczych")
    activity = ActivityFactory(programme=programme, only_for="Tylko dla kobiet")
    assert activity.only_for_text == "Tylko dla kobiet"


def test_it_tells_open_activities_from_those_for_a_particular_group():
    ActivityFactory(title="Otwarte")
    ActivityFactory(title="Dla kobiet", only_for="Tylko dla kobiet")
    ActivityFactory(title="Rodziny", programme=ProgrammeFactory(only_for="Tylko dla rodzin"))
    assert titles(Activity.objects.open_to_everyone()) == ["Otwarte"]
    assert titles(Activity.objects.for_particular_group()) == ["Dla kobiet", "Rodziny"]


@time_machine.travel(datetime.date(2026, 8, 31))
def test_it_shows_a_notice_until_its_last_day():
    activity = ActivityFactory(
        notice="Przerwa wakacyjna do 31 sierpnia", notice_until=datetime.date(2026, 8, 31)
    )
    assert activity.current_notice == "Przerwa wakacyjna do 31 sierpnia"


@time_machine.travel(datetime.date(2026, 9, 1))
def test_it_hides_a_notice_after_its_last_day():
    activity = ActivityFactory(
        notice="Przerwa wakacyjna do 31 sierpnia", notice_until=datetime.date(2026, 8, 31)
    )
    assert activity.current_notice == ""


@time_machine.travel(datetime.date(2026, 8, 1))
def test_it_lists_the_programmes_notice_with_the_activitys():
    programme = ProgrammeFactory(
        notice="Przerwa wakacyjna", notice_until=datetime.date(2026, 8, 31)
    )
    activity = ActivityFactory(
        programme=programme,
        notice="Odwołane w tym tygodniu",
        notice_until=datetime.date(2026, 8, 2),
    )
    assert activity.notices == ["Odwołane w tym tygodniu", "Przerwa wakacyjna"]


def test_the_database_refuses_a_notice_without_an_end_date():
    with pytest.raises(IntegrityError):
        ActivityFactory(notice="Przerwa wakacyjna")


def test_the_programme_form_asks_for_the_notices_end_date():
    programme = ProgrammeFactory.build(notice="Przerwa wakacyjna", slug="przerwa")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        programme.validate_constraints()
    assert "Give the last day the notice is shown." in str(error.value)


def test_how_to_join_is_unknown_until_staff_say():
    activity = ActivityFactory()
    assert activity.how_to_join == HowToJoin.UNKNOWN
    assert not activity.joining_known


def test_a_new_activity_has_no_language_rather_than_polish():
    assert ActivityFactory().language_list == []


def test_it_finds_activities_held_in_a_language():
    ActivityFactory(title="Po ukraińsku", languages=[language("uk"), language("pl")])
    ActivityFactory(title="Nie wiadomo")
    assert titles(Activity.objects.held_in(language("uk"))) == ["Po ukraińsku"]


def test_a_card_mentions_languages_only_when_not_just_polish():
    polish = ActivityFactory(languages=[language("pl")])
    both = ActivityFactory(languages=[language("pl"), language("uk")])
    assert polish.non_polish_languages == []
    assert [lang.code for lang in both.non_polish_languages] == ["pl", "uk"]


def test_a_new_place_has_unknown_step_free_access():
    assert LocationFactory().step_free == StepFreeAccess.UNKNOWN


def test_it_finds_activities_only_at_places_marked_step_free():
    for access in StepFreeAccess:
        location = LocationFactory(step_free=access)
        ActivityFactory(
            title=f"W miejscu {access.value or '?'}",
            programme=location.programme,
            location=location,
        )
    ActivityFactory(title="Bez miejsca")
    assert titles(Activity.objects.step_free()) == ["W miejscu yes"]
