"""schema.org data (JSON-LD) for activity pages: the type the data supports, nothing more.

- a course is a Course;
- an activity with weekly sessions is an Event with an eventSchedule;
- a dated event or trip is an Event with the dates staff entered;
- anything else (support, ongoing clubs without fixed times) is a Service.
No date is ever made up: without sessions or dates there is no Event.
"""

from activities.models import ActivityKind
from programmes import structured_data as programme_data
from programmes.seo import absolute_url

DAYS = {
    1: "https://schema.org/Monday",
    2: "https://schema.org/Tuesday",
    3: "https://schema.org/Wednesday",
    4: "https://schema.org/Thursday",
    5: "https://schema.org/Friday",
    6: "https://schema.org/Saturday",
    7: "https://schema.org/Sunday",
}
TIME_ZONE = "Europe/Warsaw"


def kind(activity, sessions):
    if activity.kind == ActivityKind.COURSE:
        return "Course"
    if sessions:
        return "Event"
    if activity.kind in (ActivityKind.EVENT, ActivityKind.TRIP) and activity.starts_on:
        return "Event"
    return "Service"


def schedule(session):
    data = {
        "@type": "Schedule",
        "byDay": DAYS[session.weekday],
        "repeatFrequency": "P1W",
        "startTime": session.starts_at.strftime("%H:%M"),
        "endTime": session.ends_at.strftime("%H:%M"),
        "scheduleTimezone": TIME_ZONE,
    }
    if session.valid_from:
        data["startDate"] = session.valid_from.isoformat()
    if session.valid_until:
        data["endDate"] = session.valid_until.isoformat()
    return data


def audience(activity, groups):
    data = {"@type": "PeopleAudience"}
    words = [group.name for group in groups]
    if activity.audience_note:
        words.append(activity.audience_note)
    if words:
        data["audienceType"] = ", ".join(words)
    if activity.min_age is not None:
        data["suggestedMinAge"] = activity.min_age
    if activity.max_age is not None:
        data["suggestedMaxAge"] = activity.max_age
    return data if len(data) > 1 else None


def typical_age_range(activity):
    if activity.age_range is None:
        return None
    low, high = activity.age_range
    return f"{low if low is not None else 0}-{high if high is not None else ''}"


def activity(request, activity):
    sessions = activity.session_list
    groups = activity.age_group_list
    programme = programme_data.programme_reference(request, activity.programme)
    url = absolute_url(request, activity.get_absolute_url())
    schema_type = kind(activity, sessions)
    data = {
        "@context": programme_data.CONTEXT,
        "@type": schema_type,
        "@id": url + "#activity",
        "name": activity.title,
        "description": activity.summary,
        "url": url,
    }
    where = programme_data.place(activity.location) if activity.location else None
    who = audience(activity, groups)

    if schema_type == "Service":
        data["provider"] = programme
        data["areaServed"] = (
            where["containedInPlace"]
            if where and "containedInPlace" in where
            else programme_data.area_served(activity.programme) or programme_data.city()
        )
        if where:
            data["availableChannel"] = {"@type": "ServiceChannel", "serviceLocation": where}
        if activity.free_of_charge:
            data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "PLN"}
        if who:
            data["audience"] = who
        return data

    data["isAccessibleForFree"] = activity.free_of_charge
    age_range = typical_age_range(activity)
    if age_range:
        data["typicalAgeRange"] = age_range
    if who:
        data["audience"] = who

    if schema_type == "Course":
        data["provider"] = programme
        instance = {"@type": "CourseInstance", "courseMode": "onsite"}
        add_place_and_dates(instance, activity, where, sessions, "courseSchedule")
        data["hasCourseInstance"] = instance
        return data

    data["organizer"] = programme
    data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    add_place_and_dates(data, activity, where, sessions, "eventSchedule")
    return data


def add_place_and_dates(target, activity, where, sessions, schedule_key):
    """Where, weekly schedule, first and last day: only what staff entered."""
    if where:
        target["location"] = where
    if sessions:
        target[schedule_key] = [schedule(session) for session in sessions]
    if activity.starts_on:
        target["startDate"] = activity.starts_on.isoformat()
    if activity.ends_on:
        target["endDate"] = activity.ends_on.isoformat()
