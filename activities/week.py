"""What happens in the coming seven days (/w-tym-tygodniu/): each weekly session and
dated event on its day, in Kraków's wall-clock time.

Days are plain dates counted from Kraków's today, and times are the sessions' local
times, so a daylight-saving change moves nothing; only the machine-readable
`datetime` of each entry carries that day's UTC offset (+01:00 or +02:00).
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

DAYS = 7


@dataclass
class Entry:
    """One activity on one day: at a session's times, or all day (a dated event)."""

    activity: object
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None

    @property
    def sort_key(self):
        # All-day events first, then by time; the same time by title.
        return (
            self.starts_at is not None,
            self.starts_at and self.starts_at.time(),
            self.activity.title.casefold(),
            self.activity.pk,
        )


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    entries: list


def week_days(first_day):
    return [first_day + datetime.timedelta(days=offset) for offset in range(DAYS)]


def in_krakow(day, time):
    return datetime.datetime.combine(day, time, ZoneInfo(settings.TIME_ZONE))


def is_running_on(activity, day):
    return (activity.starts_on is None or activity.starts_on <= day) and (
        activity.ends_on is None or day <= activity.ends_on
    )


def entries_on(activity, day, first_day):
    """The activity's entries on `day`: each session held that day, or the event itself
    on its first day within the week."""
    if not is_running_on(activity, day):
        return []
    if activity.session_list:
        return [
            Entry(activity, in_krakow(day, session.starts_at), in_krakow(day, session.ends_at))
            for session in activity.session_list
            if session.takes_place_on(day)
        ]
    if activity.has_fixed_times and day == max(activity.starts_on, first_day):
        return [Entry(activity)]
    return []


def schedule(activities, first_day):
    """The seven days from `first_day`, each with its entries in order of time.

    `activities` come from ActivityQuerySet.on_calendar_between() with with_related()
    (their sessions prefetched), so this reads no more rows.
    """
    activities = list(activities)
    days = []
    for day in week_days(first_day):
        entries = [
            entry for activity in activities for entry in entries_on(activity, day, first_day)
        ]
        days.append(Day(day, day == first_day, sorted(entries, key=lambda entry: entry.sort_key)))
    return days
