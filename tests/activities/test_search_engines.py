"""Canonical links, noindex, the sitemap and robots.txt."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    LocationFactory,
    ProgrammeFactory,
    TopicFactory,
    district,
)
from tests.pages import Page

pytestmark = pytest.mark.django_db

FINDER = reverse("activities:list")
ORIGIN = "http://testserver"


@pytest.fixture
def activities():
    children = AgeGroupFactory(name="Dzieci", slug="dzieci")
    sport = TopicFactory(name="Sport", slug="sport")
    location = LocationFactory(district=district("mistrzejowice"))
    location.programme.districts.set([district("mistrzejowice")])
    for number in range(25):
        ActivityFactory(
            title=f"Siatkówka {number}",
            programme=location.programme,
            location=location,
            topics=[sport],
            age_groups=[children],
        )


def head(client, url, params=None):
    return Page(client.get(url, params).text)


def test_the_finder_is_its_own_canonical(client, activities):
    page = head(client, FINDER)
    assert (page.canonical, page.indexable) == (f"{ORIGIN}{FINDER}", True)


def test_a_later_page_of_the_finder_is_its_own_canonical(client, activities):
    page = head(client, FINDER, {"page": "2"})
    assert page.canonical == f"{ORIGIN}{FINDER}?page=2"


def test_one_district_points_to_the_district_page(client, activities):
    page = head(client, FINDER, {"district": "mistrzejowice"})
    assert (page.canonical, page.indexable) == (f"{ORIGIN}/dzielnice/mistrzejowice/", True)


def test_one_age_group_is_indexed_on_the_finder(client, activities):
    page = head(client, FINDER, {"age": "dzieci", "page": "2"})
    assert (page.canonical, page.indexable) == (f"{ORIGIN}{FINDER}?age=dzieci&page=2", True)


def test_several_filters_are_noindex_with_a_canonical_to_the_landing_page(client, activities):
    page = head(client, FINDER, {"age": "dzieci", "topic": "sport"})
    assert (page.canonical, page.meta["robots"]) == (f"{ORIGIN}/tematy/sport/", "noindex, follow")


def test_a_district_wins_over_a_topic_as_the_nearest_landing_page(client, activities):
    page = head(client, FINDER, {"topic": "sport", "district": "mistrzejowice"})
    assert page.canonical == f"{ORIGIN}/dzielnice/mistrzejowice/"


def test_searches_are_not_indexed(client, activities):
    assert not head(client, FINDER, {"q": "siatkówka"}).indexable


def test_an_empty_result_is_not_indexed(client, activities):
    AgeGroupFactory(name="Seniorzy", slug="seniorzy")
    assert not head(client, FINDER, {"age": "seniorzy"}).indexable


def test_invalid_filters_are_not_indexed(client, activities):
    assert not head(client, FINDER, {"district": "atlantyda"}).indexable


def test_the_programme_list_sends_a_district_to_its_page(client, activities):
    page = head(client, reverse("programmes:list"), {"district": "mistrzejowice"})
    assert page.canonical == f"{ORIGIN}/dzielnice/mistrzejowice/"


def test_it_uses_the_configured_site_address(client, activities, settings):
    settings.SITE_URL = "https://pal.example.pl"
    page = head(client, FINDER, {"topic": "sport"})
    assert page.canonical == "https://pal.example.pl/tematy/sport/"


def test_it_drops_unknown_parameters_from_the_canonical(client):
    programme = ProgrammeFactory()
    response = client.get(programme.get_absolute_url(), {"utm_source": "messenger"}, follow=True)
    assert response.redirect_chain == [(programme.get_absolute_url(), 301)]
    assert Page(response.text).canonical == f"{ORIGIN}{programme.get_absolute_url()}"


def sitemap(client):
    tree = ElementTree.fromstring(client.get("/sitemap.xml").content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {
        url.find("s:loc", namespace).text: getattr(url.find("s:lastmod", namespace), "text", None)
        for url in tree.findall("s:url", namespace)
    }


def test_the_sitemap_lists_published_programmes_and_activities(client):
    activity = ActivityFactory()
    ProgrammeFactory(slug="szkic", published=False)
    urls = set(sitemap(client))
    assert {
        ORIGIN + activity.get_absolute_url(),
        ORIGIN + activity.programme.get_absolute_url(),
    } <= urls
    assert f"{ORIGIN}/programy/szkic/" not in urls


def test_the_sitemap_gives_real_change_dates(client):
    programme = ProgrammeFactory()
    assert sitemap(client)[ORIGIN + programme.get_absolute_url()] == (
        timezone.localdate(programme.updated_at).isoformat()
    )


def test_the_sitemap_lists_landing_pages_with_content_only(client, activities):
    urls = set(sitemap(client))
    assert f"{ORIGIN}/dzielnice/mistrzejowice/" in urls
    assert f"{ORIGIN}/dzielnice/debniki/" not in urls


def test_the_sitemap_has_language_alternates(client):
    ProgrammeFactory()
    assert 'hreflang="x-default"' in client.get("/sitemap.xml").text


def test_the_sitemap_uses_the_configured_site_address(client, settings):
    settings.SITE_URL = "https://pal.example.pl"
    assert "https://pal.example.pl/" in sitemap(client)


def test_robots_txt_names_the_sitemap(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text


@pytest.mark.parametrize(
    "rule", ["Disallow: /admin/", f"Disallow: {FINDER}?*&", f"Disallow: {FINDER}*/zglos-blad/"]
)
def test_robots_txt_keeps_crawlers_out_of_admin_filter_combinations_and_forms(client, rule):
    assert rule in client.get("/robots.txt").text.splitlines()
