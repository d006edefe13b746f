"""What the finder shows, as a spreadsheet (CSV) and as calendars (iCalendar, RFC 5545)."""

import csv
import datetime
import io
from html import unescape
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from activities.templatetags.activity_tags import audience, schedule
from opendata.hsds import RRULE_DAYS

KRAKOW = ZoneInfo("Europe/Warsaw")
# Characters that make Excel or LibreOffice read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- CSV --------------------------------------------------------------------------------------


def csv_columns():
    return [
        _("Title"),
        _("Programme"),
        _("Address"),
        _("District"),
        _("For whom"),
        _("When"),
        _("Topics"),
        _("Page"),
    ]


def neutralised(value):
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain(html):
    """The finder's own wording for an activity (e.g. its "when"), as plain text."""
    return " ".join(unescape(strip_tags(normalize_newlines(html))).split())


def districts(activity):
    place = activity.location
    if place is not None and place.district is not None:
        return str(place.district)
    if activity.programme.citywide:
        return _("the whole of Kraków")
    return ", ".join(str(district) for district in activity.programme.districts.all())


def csv_row(activity, absolute_url):
    place = activity.location
    return [
        neutralised(value)
        for value in [
            activity.title,
            activity.programme.name,
            place.full_address if place else "",
            districts(activity),
            plain(audience(activity)),
            plain(schedule(activity)),
            ", ".join(topic.name for topic in activity.topic_list),
            absolute_url(activity.get_absolute_url()),
        ]
    ]


def csv_lines(activities, absolute_url):
    """The CSV text in pieces: a byte order mark (Excel then reads UTF-8), the header,
    and one line per activity."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([neutralised(column) for column in csv_columns()])
    yield "\ufeff" + flush()
    for activity in activities:
        writer.writerow(csv_row(activity, absolute_url))
        yield flush()


# --- Calendars --------------------------------------------------------------------------------


def first_on_or_after(day, weekday):
    """The first date on or after `day` that falls on ISO `weekday` (1 = Monday)."""
    return day + datetime.timedelta(days=(weekday - day.isoweekday()) % 7)


def session_event(activity, session, absolute_url):
    # A weekly rule needs a first day: the session's, else the activity's, else the
    # day the activity was entered (earlier weeks never concerned anyone).
    start_day = session.valid_from or activity.starts_on or activity.created_at.date()
    first = first_on_or_after(start_day, session.weekday)
    event = base_event(activity, absolute_url, f"{session.uuid}@pal-krakow")
    event.add("dtstart", datetime.datetime.combine(first, session.starts_at, KRAKOW))
    event.add("dtend", datetime.datetime.combine(first, session.ends_at, KRAKOW))
    rule = {"FREQ": "WEEKLY", "BYDAY": RRULE_DAYS[session.weekday]}
    last_day = session.valid_until or activity.ends_on
    if last_day:
        # With a local DTSTART, UNTIL is in UTC (RFC 5545 3.3.10): the end of that day.
        end = datetime.datetime.combine(last_day, datetime.time(23, 59, 59), KRAKOW)
        rule["UNTIL"] = end.astimezone(datetime.UTC)
    event.add("rrule", vRecur(rule))
    return event


def dated_event(activity, absolute_url):
    event = base_event(activity, absolute_url, f"{activity.uuid}@pal-krakow")
    last_day = activity.ends_on or activity.starts_on
    event.add("dtstart", activity.starts_on)
    event.add("dtend", last_day + datetime.timedelta(days=1))  # all-day: the day after
    return event


def base_event(activity, absolute_url, uid):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", activity.updated_at)
    event.add("last-modified", activity.updated_at)
    event.add("summary", f"{activity.title} ({activity.programme.name})")
    event.add("description", f"{activity.summary}\n\n{absolute_url(activity.get_absolute_url())}")
    event.add("url", absolute_url(activity.get_absolute_url()))
    if activity.location is not None:
        event.add("location", activity.location.full_address)
    return event


def calendar(activities, name, absolute_url):
    """One calendar of the activities' weekly sessions and dated events."""
    feed = Calendar()
    feed.add("prodid", "-//MOPS Krakow//PAL Krakow//PL")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", "Europe/Warsaw")
    for activity in activities:
        for session in activity.session_list:
            feed.add_component(session_event(activity, session, absolute_url))
        if not activity.session_list and activity.has_fixed_times:
            feed.add_component(dated_event(activity, absolute_url))
    feed.add_missing_timezones()
    return feed.to_ical()
