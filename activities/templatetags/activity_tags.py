"""Template tags that place activities on pages owned by the programmes app.

The programme page lists its activities; the programmes app knows nothing of
activities, so its template asks this app for the list.
"""

from django import template

from programmes.models import visible_q

register = template.Library()


@register.inclusion_tag("activities/_programme_activities.html")
def programme_activities(programme, preview=False):
    """The programme's activities grouped by kind.

    A draft programme's preview lists the activities it will show once published.
    """
    activities = programme.activities
    activities = activities.filter(visible_q()) if preview else activities.published()
    return {"activities": activities.with_related().by_kind()}
