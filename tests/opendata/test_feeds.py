import csv
import datetime
import io

import pytest
from dateutil.rrule import rrulestr
from django.urls import reverse
from icalendar import Calendar

from activities.models import Timing
from tests.factories import ActivityFactory, WeeklySessionFactory

UTC = datetime.UTC


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def read_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


# --- CSV ------------------------------------------------------------------------------------


def test_it_exports_one_row_per_finder_result_with_the_columns(client, directory):
    rows = read_csv(client.get(reverse("opendata:finder_csv")))
    assert [row["Tytuł"] for row in rows] == ["Piknik sąsiedzki", "Siatkówka dla dzieci"]
    volleyball = rows[1]
    assert volleyball["Program"] == "PAL Testowe Osiedle"
    assert volleyball["Adres"] == "os. Testowe 1, 31-911, Kraków"
    assert volleyball["Dzielnica"] == "XVIII Nowa Huta"
    assert volleyball["Tematy"] == "Sport"
    assert volleyball["Kiedy"] == "wtorek 17:00–18:30"
    assert volleyball["Strona"].endswith(directory["weekly"].get_absolute_url())


def test_it_keeps_the_finders_filters(client, directory):
    rows = read_csv(client.get(reverse("opendata:finder_csv"), {"q": "siatkówka", "age": "dzieci"}))
    assert [row["Tytuł"] for row in rows] == ["Siatkówka dla dzieci"]


def test_it_answers_400_for_filters_that_do_not_exist(client, directory):
    response = client.get(reverse("opendata:finder_csv"), {"district": "atlantyda"})
    assert response.status_code == 400


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(1)", "+48 123", "-1+1", "@SUM(A1)"])
def test_it_neutralises_cells_a_spreadsheet_would_run(client, directory, dangerous):
    directory["weekly"].title = dangerous
    directory["weekly"].save()
    [row] = read_csv(client.get(reverse("opendata:finder_csv"), {"age": "dzieci"}))
    assert row["Tytuł"] == "'" + dangerous


def test_it_writes_headers_in_the_visitors_language(client, directory):
    rows = read_csv(client.get("/en" + reverse("opendata:finder_csv")))
    assert list(rows[0])[:2] == ["Title", "Programme"]


def test_the_finder_links_to_the_csv_of_the_same_filters(client, directory):
    page = client.get(reverse("activities:list"), {"age": "dzieci", "page": "1"})
    assert f'href="{reverse("opendata:finder_csv")}?age=dzieci"' in page.content.decode()


# --- Calendars ---------------------------------------------------------------------------------


@pytest.fixture
def across_dst(directory):
    """Tuesdays 17:00–18:30 from 20 October 2026; summer time ends on Sunday 25 October."""
    session = directory["weekly"].sessions.get()
    session.valid_from = datetime.date(2026, 10, 20)
    session.valid_until = datetime.date(2026, 11, 3)
    session.save()
    return directory


def occurrences(event):
    rule = event["RRULE"].to_ical().decode()
    return list(rrulestr(rule, dtstart=event.decoded("DTSTART")))


def test_it_repeats_a_weekly_session_at_local_time_across_the_dst_change(client, across_dst):
    feed = read_calendar(
        client.get(reverse("opendata:activity_ics", args=["siatkowka-dla-dzieci"]))
    )
    [event] = feed.walk("VEVENT")
    starts = [moment.astimezone(UTC) for moment in occurrences(event)]
    assert starts == [
        datetime.datetime(2026, 10, 20, 15, 0, tzinfo=UTC),  # CEST, UTC+2
        datetime.datetime(2026, 10, 27, 16, 0, tzinfo=UTC),  # CET, UTC+1
        datetime.datetime(2026, 11, 3, 16, 0, tzinfo=UTC),
    ]


def test_it_writes_byday_until_and_the_warsaw_timezone(client, across_dst):
    feed = read_calendar(
        client.get(reverse("opendata:activity_ics", args=["siatkowka-dla-dzieci"]))
    )
    [event] = feed.walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["TU"]
    assert event["RRULE"]["UNTIL"][0].tzinfo is not None
    assert event["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert [zone["TZID"] for zone in feed.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    assert event["DTEND"].dt - event["DTSTART"].dt == datetime.timedelta(minutes=90)


def test_it_puts_a_dated_event_on_its_day(client, directory):
    feed = read_calendar(client.get(reverse("opendata:activity_ics", args=["piknik-sasiedzki"])))
    [event] = feed.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.date(2026, 10, 24)
    assert event.decoded("DTEND") == datetime.date(2026, 10, 25)


def test_it_leaves_activities_without_fixed_times_out_of_feeds(client, directory):
    ActivityFactory(programme=directory["weekly"].programme, title="Kiedyś", timing=Timing.ONGOING)
    programme = directory["weekly"].programme
    feed = read_calendar(client.get(reverse("opendata:programme_ics", args=[programme.slug])))
    summaries = sorted(str(event["SUMMARY"]) for event in feed.walk("VEVENT"))
    assert summaries == [
        "Piknik sąsiedzki (PAL Testowe Osiedle)",
        "Siatkówka dla dzieci (PAL Testowe Osiedle)",
    ]


def test_it_has_no_calendar_for_an_activity_without_fixed_times(client, directory):
    ActivityFactory(title="Bez terminu", slug="bez-terminu")
    assert client.get(reverse("opendata:activity_ics", args=["bez-terminu"])).status_code == 404


def test_it_feeds_the_finders_query(client, directory):
    other = ActivityFactory(title="Inne zajęcia")
    WeeklySessionFactory(activity=other)
    feed = read_calendar(client.get(reverse("opendata:finder_ics"), {"q": "siatkówka"}))
    assert [str(event["SUMMARY"]) for event in feed.walk("VEVENT")] == [
        "Siatkówka dla dzieci (PAL Testowe Osiedle)"
    ]


def test_the_activity_page_offers_its_calendar_or_says_why_not(client, directory):
    timed = client.get(directory["weekly"].get_absolute_url()).content.decode()
    untimed = ActivityFactory(title="Bez terminu", slug="bez-terminu")
    without = client.get(untimed.get_absolute_url()).content.decode()
    assert reverse("opendata:activity_ics", args=["siatkowka-dla-dzieci"]) in timed
    assert ".ics" not in without
    assert "no fixed times" in client.get("/en" + untimed.get_absolute_url()).content.decode()
