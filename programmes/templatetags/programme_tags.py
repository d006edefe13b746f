"""Wording about programmes that several templates place (so templates hold no logic)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def served_area(programme, location=None):
    """Where it happens: the location's district, the whole city, or the districts served.

    Reads `programme.districts.all()`, prefetched by with_related().
    """
    if location and location.district:
        return mark_safe(
            gettext("district %(district)s") % {"district": conditional_escape(location.district)}
        )
    if programme.citywide:
        return conditional_escape(gettext("the whole of Kraków"))
    districts = programme.districts.all()
    if not districts:
        return conditional_escape(gettext("district not given"))
    names = ", ".join(conditional_escape(district) for district in districts)
    return mark_safe(f"{conditional_escape(gettext('district'))} {names}")
