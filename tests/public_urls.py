"""Every public page type, collected generically, for the site-wide tests.

Extend `public_urls()` when a new public page type appears; the security-header,
no-cookie, cache and fuzzing tests then cover it too.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from activities.models import Activity, AgeGroup, Topic
from programmes.models import District, Programme


def list_urls():
    """The listing and other pages that take no slug."""
    return [
        reverse("home"),
        reverse("about"),
        reverse("accessibility_statement"),
        reverse("easy_read"),
        reverse("opendata:page"),
        reverse("programmes:list"),
        reverse("activities:list"),
        reverse("shortlist"),
        reverse("this_week"),
    ]


def public_urls():
    """One URL of every public page: lists, filtered lists, each published detail page."""
    district = District.objects.with_published_programmes().first()
    age_group = AgeGroup.objects.first()
    topic = Topic.objects.first()
    finder = reverse("activities:list")
    urls = [
        *list_urls(),
        f"{finder}?q=angielski",
        f"{finder}?district={district.slug}&age={age_group.slug}&topic={topic.slug}",
        f"{reverse('programmes:list')}?district={district.slug}",
        f"{finder}?district={district.slug}&sort=wkrotce",
        f"{reverse('this_week')}?district={district.slug}&topic={topic.slug}",
    ]
    urls += [district.get_absolute_url(), topic.get_absolute_url()]
    urls += [
        f"{reverse('shortlist')}?id={Activity.objects.published().order_by('slug').first().slug}"
    ]
    urls += [p.get_absolute_url() for p in Programme.objects.published()]
    urls += [a.get_absolute_url() for a in Activity.objects.published()]
    # The same pages in the other languages: one of each type is enough.
    for language, _name in settings.LANGUAGES:
        if language != settings.LANGUAGE_CODE:
            with translation.override(language):
                urls += [*list_urls(), *detail_urls()]
    return urls


def detail_urls():
    return [
        Programme.objects.published().first().get_absolute_url(),
        Activity.objects.published().first().get_absolute_url(),
    ]
