"""sitemap.xml: programmes, activities and the district, topic and age landing pages."""

from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse

from activities.models import Activity, AgeGroup, Topic
from programmes.models import District, Programme
from programmes.sitemaps import LocalizedSitemap, ProgrammeSitemap


class ActivitySitemap(LocalizedSitemap):
    def items(self):
        return Activity.objects.published().select_related("programme").order_by("slug")

    def lastmod(self, activity):
        # The page also shows the programme's contacts and address.
        return max(activity.updated_at, activity.programme.updated_at)


class DistrictSitemap(LocalizedSitemap):
    """Only districts with a programme of their own: the others' pages say noindex."""

    def items(self):
        return District.objects.with_last_change().filter(last_change__isnull=False)

    def lastmod(self, district):
        return district.last_change


class TopicSitemap(LocalizedSitemap):
    """Only topics that some published activity is about."""

    def items(self):
        return Topic.objects.with_last_change().filter(last_change__isnull=False)

    def lastmod(self, topic):
        return topic.last_change


class AgeGroupSitemap(LocalizedSitemap):
    """The finder for one age group (`?age=…`): the one filter indexed on the finder."""

    def items(self):
        return AgeGroup.objects.with_last_change().filter(last_change__isnull=False)

    def location(self, age_group):
        return f"{reverse('activities:list')}?{urlencode({'age': age_group.slug})}"

    def lastmod(self, age_group):
        return age_group.last_change


class StaticSitemap(LocalizedSitemap):
    def items(self):
        return [
            "home",
            "activities:list",
            "this_week",
            "programmes:list",
            "city_map",
            "shortlist",
            "about",
            "accessibility_statement",
            "easy_read",
            "opendata:page",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        programmes = Programme.objects.published().aggregate(last=Max("updated_at"))["last"]
        activities = Activity.objects.published().aggregate(last=Max("updated_at"))["last"]
        changes = {
            "home": [programmes, activities],
            "activities:list": [activities],
            # Changes with the date, not with a saved row.
            "this_week": [],
            "programmes:list": [programmes],
            "city_map": [programmes],
            # Its text is in the code; a visitor's list is in their browser.
            "shortlist": [],
            # These pages' texts are in the code; they have no change date to give.
            "about": [],
            "accessibility_statement": [],
            "easy_read": [],
            "opendata:page": [],
        }[name]
        changes = [change for change in changes if change]
        return max(changes) if changes else None


SITEMAPS = {
    "pages": StaticSitemap,
    "programmes": ProgrammeSitemap,
    "activities": ActivitySitemap,
    "districts": DistrictSitemap,
    "topics": TopicSitemap,
    "age_groups": AgeGroupSitemap,
}
