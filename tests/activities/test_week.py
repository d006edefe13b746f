"""/w-tym-tygodniu/: every session and dated event of the coming seven days, by day
then time, filtered like the finder; correct across daylight-saving changes and a
session's valid period. Time is frozen in UTC; Kraków is UTC+1 in winter, +2 in summer."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from activities.models import ActivityStatus, Timing
from activities.views import WeekView
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    LocationFactory,
    ProgrammeFactory,
    WeeklySessionFactory,
    district,
)

pytestmark = pytest.mark.django_db

WEEK = reverse("this_week")
MONDAY, TUESDAY, WEDNESDAY, FRIDAY, SATURDAY, SUNDAY = 1, 2, 3, 5, 6, 7

# Friday 27 March 2026, noon in Kraków; summer time starts on Sunday 29 March.
BEFORE_SPRING_CHANGE = datetime.datetime(2026, 3, 27, 11, tzinfo=datetime.UTC)
# Saturday 24 October 2026 22:30 UTC is already Sunday 25 October 00:30 in Kraków,
# the day summer time ends.
NIGHT_OF_AUTUMN_CHANGE = datetime.datetime(2026, 10, 24, 22, 30, tzinfo=datetime.UTC)


def session(title, weekday, starts_at="17:00", ends_at="18:30", **kwargs):
    activity = ActivityFactory(title=title)
    WeeklySessionFactory(
        activity=activity, weekday=weekday, starts_at=starts_at, ends_at=ends_at, **kwargs
    )
    return activity


def listed(response):
    """(day, start or None, title) of each entry, in page order."""
    return [
        (day.date, entry.starts_at and entry.starts_at.strftime("%H:%M"), entry.activity.title)
        for day in response.context["days"]
        for entry in day.entries
    ]


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_it_lists_sessions_by_day_then_time(client):
    session("Szachy", MONDAY, "18:00", "19:00")
    session("Joga", MONDAY, "09:00", "10:00")
    session("Piłka nożna", SATURDAY, "10:00", "11:00")
    assert listed(client.get(WEEK)) == [
        (datetime.date(2026, 3, 28), "10:00", "Piłka nożna"),
        (datetime.date(2026, 3, 30), "09:00", "Joga"),
        (datetime.date(2026, 3, 30), "18:00", "Szachy"),
    ]


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_the_week_is_seven_days_from_today(client):
    session("Joga", MONDAY)
    days = client.get(WEEK).context["days"]
    assert [day.date for day in (days[0], days[-1])] == [
        datetime.date(2026, 3, 27),
        datetime.date(2026, 4, 2),
    ]


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_a_session_keeps_its_wall_clock_time_after_summer_time_starts(client):
    session("Joga", FRIDAY, "17:00", "18:30")
    session("Szachy", MONDAY, "17:00", "18:30")
    text = client.get(WEEK).text
    assert '<time datetime="2026-03-27T17:00:00+01:00">17:00</time>' in text
    assert '<time datetime="2026-03-30T17:00:00+02:00">17:00</time>' in text


@time_machine.travel(NIGHT_OF_AUTUMN_CHANGE, tick=False)
def test_today_is_krakows_date_on_the_night_summer_time_ends(client):
    session("Spacer", SUNDAY, "10:00", "11:00")
    response = client.get(WEEK)
    assert listed(response)[0] == (datetime.date(2026, 10, 25), "10:00", "Spacer")


@time_machine.travel(NIGHT_OF_AUTUMN_CHANGE, tick=False)
def test_a_session_on_the_day_summer_time_ends_has_the_winter_offset(client):
    session("Spacer", SUNDAY, "10:00", "11:00")
    assert '<time datetime="2026-10-25T10:00:00+01:00">10:00</time>' in client.get(WEEK).text


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_today_is_highlighted(client):
    session("Joga", FRIDAY)
    text = client.get(WEEK).text
    assert 'class="week-day week-day--today" aria-labelledby="day-2026-03-27"' in text


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_a_session_is_left_out_after_its_valid_until(client):
    session("Joga", SATURDAY, valid_until=datetime.date(2026, 3, 28))
    session("Szachy", TUESDAY, valid_until=datetime.date(2026, 3, 30))
    assert [title for _day, _time, title in listed(client.get(WEEK))] == ["Joga"]


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_a_session_is_left_out_before_its_valid_from(client):
    session("Joga", FRIDAY, valid_from=datetime.date(2026, 3, 30))
    session("Szachy", MONDAY, valid_from=datetime.date(2026, 3, 30))
    assert [title for _day, _time, title in listed(client.get(WEEK))] == ["Szachy"]


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_a_suspended_activity_is_left_out(client):
    activity = session("Joga", MONDAY)
    activity.status = ActivityStatus.SUSPENDED
    activity.save()
    assert listed(client.get(WEEK)) == []


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_an_activity_that_ended_is_left_out(client):
    activity = session("Joga", MONDAY)
    activity.ends_on = datetime.date(2026, 3, 29)
    activity.save()
    assert listed(client.get(WEEK)) == []


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_a_dated_event_is_listed_on_its_day(client):
    ActivityFactory(title="Piknik", timing=Timing.DATED, starts_on=datetime.date(2026, 4, 1))
    ActivityFactory(title="Festyn", timing=Timing.DATED, starts_on=datetime.date(2026, 4, 5))
    assert listed(client.get(WEEK)) == [(datetime.date(2026, 4, 1), None, "Piknik")]


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_activities_without_fixed_hours_are_listed_to_ask_about(client):
    session("Joga", MONDAY)
    ActivityFactory(title="Konsultacje psychologiczne")
    response = client.get(WEEK)
    assert [a.title for a in response.context["ask_for_times"]] == ["Konsultacje psychologiczne"]


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_it_filters_by_district_with_the_finders_filter(client):
    place = LocationFactory(district=district("nowa-huta"))
    joga = session("Joga", MONDAY)
    joga.location = place
    joga.save()
    elsewhere = LocationFactory(district=district("podgorze"))
    szachy = session("Szachy", MONDAY)
    szachy.location = elsewhere
    szachy.save()
    response = client.get(WEEK, {"district": "nowa-huta"})
    assert [title for _day, _time, title in listed(response)] == ["Joga"]


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_it_filters_by_age_group(client):
    children = AgeGroupFactory(name="Dzieci", slug="dzieci")
    WeeklySessionFactory(activity=ActivityFactory(title="Bajki", age_groups=[children]))
    session("Szachy", TUESDAY)
    response = client.get(WEEK, {"age": "dzieci"})
    assert [title for _day, _time, title in listed(response)] == ["Bajki"]


def test_an_unknown_filter_value_is_a_clear_400(client):
    response = client.get(WEEK, {"district": "atlantyda"})
    assert response.status_code == 400


def test_a_filtered_week_is_not_indexed(client):
    ProgrammeFactory()
    assert client.get(WEEK, {"district": "nowa-huta"}).context["noindex"]


def test_the_week_is_indexed_without_filters(client):
    assert not client.get(WEEK).context["noindex"]


@pytest.mark.parametrize("language", ["uk", "en"])
def test_it_is_translated(client, language):
    response = client.get(f"/{language}{WEEK}")
    assert {"uk": "Цього тижня", "en": "This week"}[language] in response.text


def test_it_is_in_the_sitemap(client):
    assert "/w-tym-tygodniu/" in client.get("/sitemap.xml").text


def test_it_is_linked_from_the_menu(client):
    assert f'href="{WEEK}"' in client.get(reverse("home")).text


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_it_reads_the_week_in_few_queries(client, django_assert_max_num_queries):
    for n in range(10):
        session(f"Zajęcia {n}", MONDAY)
        ActivityFactory(title=f"Bez godzin {n}")
    with django_assert_max_num_queries(14):
        client.get(WEEK)


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_beyond_its_limit_it_asks_for_a_filter(client, monkeypatch):
    monkeypatch.setattr(WeekView, "calendar_limit", 1)
    session("Joga", MONDAY)
    session("Szachy", MONDAY)
    response = client.get(WEEK)
    assert len(listed(response)) == 1
    assert "Wybierz dzielnicę, grupę wiekową lub temat" in response.text


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_a_line_says_who_only_may_take_part(client):
    activity = session("Gimnastyka", MONDAY)
    activity.only_for = "Tylko dla kobiet"
    activity.save()
    assert '<span class="week-list__only-for">Tylko dla kobiet</span>' in client.get(WEEK).text


@time_machine.travel(BEFORE_SPRING_CHANGE, tick=False)
def test_a_line_shows_a_temporary_notice(client):
    activity = session("Gimnastyka", MONDAY)
    activity.notice = "Odwołane w tym tygodniu"
    activity.notice_until = datetime.date(2026, 3, 31)
    activity.save()
    assert "Odwołane w tym tygodniu" in client.get(WEEK).text


def test_the_page_cache_keeps_the_filters_and_drops_junk(client):
    response = client.get(WEEK + "?district=nowa-huta&utm_source=x")
    assert response.headers["Location"] == WEEK + "?district=nowa-huta"
