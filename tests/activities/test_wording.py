"""Sentences about an activity that templates place as they are (activity_tags), in Polish."""

import datetime

import pytest

from activities.models import Activity, ActivityStatus
from activities.templatetags.activity_tags import audience, schedule
from tests.factories import ActivityFactory, AgeGroupFactory, WeeklySessionFactory

pytestmark = pytest.mark.django_db


def shown(activity):
    """The activity as a page reads it, with its lists prefetched."""
    return Activity.objects.with_related().get(pk=activity.pk)


def test_it_names_age_groups_ages_and_the_note_in_one_line():
    activity = ActivityFactory(min_age=6, max_age=12, audience_note="Dla rodzin")
    activity.age_groups.set([AgeGroupFactory(name="Dzieci")])
    assert audience(shown(activity)) == "Dzieci, w wieku 6–12 lat. Dla rodzin"


def test_it_says_from_which_age_when_only_the_minimum_is_known():
    assert ActivityFactory.build(min_age=60).age_range_text == "w wieku od 60 lat"


def test_it_says_up_to_which_age_when_only_the_maximum_is_known():
    assert ActivityFactory.build(max_age=3).age_range_text == "w wieku do 3 lat"


def test_it_says_honestly_when_the_audience_is_not_stated():
    assert audience(shown(ActivityFactory())) == "Nie podano – zapytaj w programie"


def test_it_escapes_the_audience_note():
    activity = ActivityFactory(audience_note="<b>Dla rodzin</b>")
    assert audience(shown(activity)) == "&lt;b&gt;Dla rodzin&lt;/b&gt;"


def test_it_lists_weekly_sessions():
    activity = ActivityFactory()
    WeeklySessionFactory(activity=activity, weekday=2, starts_at="17:00", ends_at="18:30")
    WeeklySessionFactory(activity=activity, weekday=4, starts_at="10:00", ends_at="11:00")
    assert schedule(shown(activity)) == "wtorek 17:00–18:30; czwartek 10:00–11:00"


def test_it_asks_visitors_to_ask_for_times_when_none_are_known():
    assert schedule(shown(ActivityFactory())) == "Zapytaj w programie o godziny"


def test_it_adds_the_edition_and_end_date_on_the_detail_page():
    activity = ActivityFactory(edition=14, ends_on=datetime.date(2026, 7, 31))
    assert schedule(shown(activity), details=True) == (
        "Zapytaj w programie o godziny · edycja nr 14 · do 31 lipca 2026"
    )


def test_it_badges_every_status_but_running():
    assert not ActivityFactory.build(status=ActivityStatus.RUNNING).shows_status
    assert ActivityFactory.build(status=ActivityStatus.PLANNED).shows_status
