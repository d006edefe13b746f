"""A search engine's view of the site, with the seed data: start at the home page,
follow every internal link that robots.txt allows, and check every page."""

from collections import deque
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.migration_data import restore_migration_data
from tests.pages import Page, disallowed, robots_rules

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")
# The properties each schema.org type needs on our pages.
REQUIRED = {
    "WebSite": {"name", "url", "publisher"},
    "GovernmentOrganization": {"name", "url"},
    "Organization": {"name", "url", "parentOrganization"},
    "BreadcrumbList": {"itemListElement"},
    "Event": {"name", "url", "organizer", "isAccessibleForFree", "eventAttendanceMode"},
    "Course": {"name", "description", "provider", "hasCourseInstance"},
    "Service": {"name", "url", "provider", "areaServed"},
}


def language_homes():
    """Each language's home page: a visitor starts at the one in their language."""
    homes = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            homes[language] = reverse("home")
    return homes


HOMES = language_homes()


def language_of(url):
    """The language of an address, by its prefix (/uk/, /en/; none for Polish)."""
    prefixed = [lang for lang, home in HOMES.items() if home != "/" and url.startswith(home)]
    return prefixed[0] if prefixed else settings.LANGUAGE_CODE


def relative(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    """{address: (depth, response, page)} for every page reached from the home page."""
    from django.test import Client

    with django_db_blocker.unblock():
        call_command("load_seed", verbosity=0)
        try:
            client = Client()
            rules = robots_rules(client.get("/robots.txt").text)
            found = dict.fromkeys(HOMES.values(), 0)
            queue = deque(HOMES.values())
            pages = {}
            while queue:
                address = queue.popleft()
                response = client.get(address)
                page = Page(response.text) if response.status_code == 200 else None
                pages[address] = (found[address], response, page)
                links = [response["Location"]] if response.status_code in (301, 302) else []
                links += page.links if page else []
                for href in links:
                    url = urljoin(ORIGIN + address, href)
                    parts = urlsplit(url)
                    if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
                        continue
                    target = relative(url)
                    if target.startswith(SKIPPED_PREFIXES) or disallowed(rules, target):
                        continue
                    if target not in found:
                        found[target] = found[address] + 1
                        queue.append(target)
            sitemap = client.get("/sitemap.xml")
            yield {"pages": pages, "sitemap": sitemap}
        finally:
            call_command("flush", verbosity=0, interactive=False)
            restore_migration_data()


def test_it_reaches_every_programme_and_activity(crawl):
    from activities.models import Activity
    from programmes.models import Programme

    expected = {p.get_absolute_url() for p in Programme.objects.published()}
    expected |= {a.get_absolute_url() for a in Activity.objects.published()}
    assert expected - set(crawl["pages"]) == set()


def test_every_page_answers_200(crawl):
    statuses = {url: response.status_code for url, (_d, response, _p) in crawl["pages"].items()}
    assert {url: code for url, code in statuses.items() if code != 200} == {}


def test_every_page_is_at_most_three_clicks_from_a_home_page(crawl):
    too_deep = {url: depth for url, (depth, _r, _p) in crawl["pages"].items() if depth > 3}
    assert too_deep == {}


def test_every_page_has_a_title_description_and_absolute_canonical(crawl):
    missing = [
        url
        for url, (_d, _r, page) in crawl["pages"].items()
        if not (page.title.strip() and page.description.strip())
        or not (page.canonical or "").startswith(ORIGIN + "/")
    ]
    assert missing == []


def test_every_page_has_open_graph_and_twitter_tags(crawl):
    needed = {"og:title", "og:description", "og:url", "og:image", "twitter:card"}
    missing = {
        url: needed - {key for key, value in page.meta.items() if value}
        for url, (_d, _r, page) in crawl["pages"].items()
    }
    assert {url: keys for url, keys in missing.items() if keys} == {}


def test_indexable_pages_have_unique_titles_and_descriptions(crawl):
    indexable = [
        (url, page)
        for url, (_d, _r, page) in crawl["pages"].items()
        if page.indexable and relative(page.canonical) == url
    ]
    for language in HOMES:
        pages = [page for url, page in indexable if language_of(url) == language]
        titles = [page.title for page in pages]
        descriptions = [page.description for page in pages]
        assert len(set(titles)) == len(titles), language
        assert len(set(descriptions)) == len(descriptions), language


def test_public_pages_set_no_cookies(crawl):
    assert [url for url, (_d, response, _p) in crawl["pages"].items() if response.cookies] == []


def sitemap_addresses(crawl):
    tree = ElementTree.fromstring(crawl["sitemap"].content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {relative(loc.text) for loc in tree.findall("s:url/s:loc", namespace)}


def is_later_page(url):
    """Pages 2, 3… of a listing: crawlable with their own canonical, but not listed in
    the sitemap (the items they show are)."""
    return "page=" in urlsplit(url).query


def test_the_sitemap_lists_exactly_the_indexable_pages_the_crawl_found(crawl):
    canonical_pages = {
        url
        for url, (_d, _r, page) in crawl["pages"].items()
        if page.indexable and relative(page.canonical) == url and not is_later_page(url)
    }
    assert sitemap_addresses(crawl) == canonical_pages


def test_every_canonical_link_points_to_a_page_in_the_sitemap(crawl):
    listed = sitemap_addresses(crawl)
    pointing_elsewhere = {
        url: relative(page.canonical)
        for url, (_d, _r, page) in crawl["pages"].items()
        if page.indexable
        and relative(page.canonical) not in listed
        and not is_later_page(page.canonical)
    }
    assert pointing_elsewhere == {}


def items(data):
    """Every schema.org item in a JSON-LD document, nested ones included."""
    if isinstance(data, list):
        for value in data:
            yield from items(value)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for value in data.values():
            yield from items(value)


def test_every_page_has_breadcrumbs_in_json_ld(crawl):
    without = [
        url
        for url, (_d, _r, page) in crawl["pages"].items()
        if url not in HOMES.values()
        and not any(d.get("@type") == "BreadcrumbList" for d in page.json_ld)
    ]
    assert without == []


def test_json_ld_has_the_properties_its_type_needs(crawl):
    problems = []
    for url, (_d, _r, page) in crawl["pages"].items():
        for document in page.json_ld:
            assert document["@context"] == "https://schema.org"
            for item in items(document):
                missing = REQUIRED.get(item["@type"], set()) - set(item)
                if missing:
                    problems.append((url, item["@type"], sorted(missing)))
    assert problems == []


def test_events_have_a_schedule_or_a_real_date(crawl):
    undated = [
        url
        for url, (_d, _r, page) in crawl["pages"].items()
        for document in page.json_ld
        for item in items(document)
        if item["@type"] == "Event" and not ({"eventSchedule", "startDate"} & set(item))
    ]
    assert undated == []


def test_every_programme_and_activity_page_has_its_own_share_image(crawl):
    missing = [
        url
        for url, (_d, _r, page) in crawl["pages"].items()
        if url.startswith(("/programy/", "/zajecia/"))
        and url.count("/") == 3
        and "?" not in url
        and not page.meta["og:image"].startswith(ORIGIN + url + "share.png?v=")
    ]
    assert missing == []


def test_the_crawl_covers_the_landing_pages(crawl):
    landing = [url for url in crawl["pages"] if url.startswith(("/dzielnice/", "/tematy/"))]
    assert len(landing) >= 2
