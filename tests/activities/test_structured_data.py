import pytest

from activities.models import ActivityKind
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    LocationFactory,
    StaffContactFactory,
    WeeklySessionFactory,
)
from tests.pages import Page

pytestmark = pytest.mark.django_db


def json_ld(client, url, schema_type):
    page = Page(client.get(url).text)
    [item] = [d for d in page.json_ld if d["@type"] == schema_type]
    return item


def test_an_activity_with_weekly_sessions_is_an_event_with_a_schedule(client):
    session = WeeklySessionFactory(weekday=2, starts_at="17:00", ends_at="18:30")
    event = json_ld(client, session.activity.get_absolute_url(), "Event")
    assert event["eventSchedule"] == [
        {
            "@type": "Schedule",
            "byDay": "https://schema.org/Tuesday",
            "repeatFrequency": "P1W",
            "startTime": "17:00",
            "endTime": "18:30",
            "scheduleTimezone": "Europe/Warsaw",
        }
    ]


def test_it_invents_no_start_date_for_a_weekly_event(client):
    session = WeeklySessionFactory()
    event = json_ld(client, session.activity.get_absolute_url(), "Event")
    assert "startDate" not in event


def test_a_course_is_a_course_with_its_provider(client):
    activity = ActivityFactory(kind=ActivityKind.COURSE)
    course = json_ld(client, activity.get_absolute_url(), "Course")
    assert course["provider"]["name"] == activity.programme.name


def test_an_activity_without_times_or_dates_is_a_service(client):
    activity = ActivityFactory(kind=ActivityKind.SUPPORT)
    service = json_ld(client, activity.get_absolute_url(), "Service")
    assert service["provider"]["parentOrganization"]["alternateName"] == "MOPS Kraków"


def test_a_dated_trip_is_an_event_on_its_date(client):
    activity = ActivityFactory(kind=ActivityKind.TRIP, starts_on="2023-07-12")
    event = json_ld(client, activity.get_absolute_url(), "Event")
    assert event["startDate"] == "2023-07-12"


def test_it_says_a_free_event_is_free(client):
    session = WeeklySessionFactory()
    event = json_ld(client, session.activity.get_absolute_url(), "Event")
    assert event["isAccessibleForFree"] is True


def test_it_gives_the_age_range_and_audience(client):
    activity = ActivityFactory(min_age=7, max_age=12, age_groups=[AgeGroupFactory(name="Dzieci")])
    WeeklySessionFactory(activity=activity)
    event = json_ld(client, activity.get_absolute_url(), "Event")
    assert (event["typicalAgeRange"], event["audience"]["audienceType"]) == ("7-12", "Dzieci")


def test_it_places_an_event_at_its_address(client):
    location = LocationFactory(address="os. Na Skarpie 35", postal_code="31-911")
    activity = ActivityFactory(programme=location.programme, location=location)
    WeeklySessionFactory(activity=activity)
    event = json_ld(client, activity.get_absolute_url(), "Event")
    assert event["location"]["address"]["postalCode"] == "31-911"


def test_a_programme_has_its_place_area_and_contact_points(client):
    location = LocationFactory(address="os. Na Skarpie 35")
    StaffContactFactory(programme=location.programme, name="Jan Kowalski", email="j@example.pl")
    organization = json_ld(client, location.programme.get_absolute_url(), "Organization")
    assert organization["contactPoint"] == [
        {"@type": "ContactPoint", "name": "Jan Kowalski", "email": "j@example.pl"}
    ]
    assert organization["location"][0]["address"]["streetAddress"] == "os. Na Skarpie 35"


def test_a_name_cannot_break_out_of_the_script_element(client):
    activity = ActivityFactory(title="</script><script>alert(1)</script>")
    html = client.get(activity.get_absolute_url()).text
    assert "</script><script>alert(1)" not in html
    assert json_ld(client, activity.get_absolute_url(), "Service")["name"] == activity.title
