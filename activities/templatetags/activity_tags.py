"""Wording about activities that several templates place (so templates hold no logic),
and the activity list of the programme page, which the programmes app cannot build.
"""

from django import template
from django.template.defaultfilters import capfirst, date
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from programmes.fragments import render_fragment
from programmes.models import visible_q
from programmes.templatetags.languages import text

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_activities(context, programme, preview=False):
    """The programme's activities grouped by kind, drawn once per programme (and language,
    day and content version, programmes/fragments.py): on a cached block the activities
    are not read at all.

    A draft programme's preview lists the activities it will show once published.
    """
    activities = programme.activities
    activities = activities.filter(visible_q()) if preview else activities.published()
    values = {"programme": programme, "activities": activities.with_related().by_kind()}
    key = {"programme": programme, "preview": bool(preview)}
    return render_fragment(context, "activities/_programme_activities.html", values, key)


@register.simple_tag
def audience(activity):
    """Who it is for, in one line: age groups, ages, the note; or that it is not stated.

    Reads `activity.age_group_list`, prefetched by with_related().
    """
    parts = []
    if activity.age_group_list:
        parts.append(capfirst(escape(", ".join(map(str, activity.age_group_list))).lower()))
    if activity.age_range_text:
        parts.append(conditional_escape(activity.age_range_text))
    line = ", ".join(parts)
    if activity.audience_note:
        line += (". " if line else "") + text(activity, "audience_note")
    return mark_safe(line or conditional_escape(gettext("Not stated: ask the programme")))


@register.simple_tag
def schedule(activity, details=False):
    """When: its weekly sessions, the timing in words, or "ask for times".

    With `details`, an edition number and end date follow when no timing is in words.
    Reads `activity.session_list`, prefetched by with_related().
    """
    if activity.session_list:
        line = conditional_escape("; ".join(map(str, activity.session_list)))
    elif activity.timing_note:
        line = text(activity, "timing_note")
    else:
        line = conditional_escape(gettext("Ask the programme for times"))
    if details and not activity.timing_note:
        if activity.edition:
            edition = gettext("edition no. %(edition)s") % {"edition": activity.edition}
            line += " · " + conditional_escape(edition)
        if activity.ends_on:
            until = gettext("until %(date)s") % {"date": date(activity.ends_on, "j E Y")}
            line += " · " + conditional_escape(until)
    return mark_safe(line)
