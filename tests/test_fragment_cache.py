"""Cards and blocks drawn once and reused (programmes/fragments.py) must change nothing a
visitor sees: every page is the same with the fragment cache off, filling it and read
from it, and a change to the content shows at once."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity
from programmes import content_version as version_module
from programmes.content_version import content_version, one_read_per_request
from tests.factories import ActivityFactory, LocationFactory, TopicFactory, district
from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db

FINDER = "/zajecia/"


@pytest.fixture(autouse=True)
def drawn_pages(settings):
    """Whole pages drawn every time (no page cache), so only fragments can be reused."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.SEARCH_STATISTICS = False
    settings.FRAGMENT_CACHE_SECONDS = 300


def fetch(client, url):
    """(HTML, number of queries) of one page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def page_urls():
    activity = Activity.objects.published().order_by("slug").first()
    return [
        *public_urls(),
        f"{FINDER}?page=2",
        # The card says how far each activity is from the visitor.
        f"{FINDER}?near=50.062,19.938",
        f"{FINDER}?near=50.080,20.030&q=angielski",
        # The same card highlighting other words.
        f"{FINDER}?q={activity.title.split()[0]}",
        f"/en{FINDER}?q=angielski",
    ]


def test_every_page_is_the_same_with_the_fragment_cache_off_filling_and_full(
    client, seed, settings
):
    urls = page_urls()
    settings.FRAGMENT_CACHE_SECONDS = 0
    drawn = {url: fetch(client, url) for url in urls}
    settings.FRAGMENT_CACHE_SECONDS = 300
    filling = {url: fetch(client, url) for url in urls}
    # Read back in the opposite order, so cards cached by one page show on others.
    full = {url: fetch(client, url) for url in reversed(urls)}
    for url in urls:
        html, queries = drawn[url]
        assert filling[url][0] == html, url
        assert full[url][0] == html, url
        # Never more queries than drawing everything; fewer once the fragments are kept.
        assert filling[url][1] <= queries, url
        assert full[url][1] <= queries, url


def test_cached_pages_make_fewer_queries(client, seed):
    activity = Activity.objects.published().first()
    pages = [activity.get_absolute_url(), activity.programme.get_absolute_url()]
    for url in ["/", FINDER, f"{FINDER}?q=angielski", *pages]:
        _html, drawn = fetch(client, url)
        _html, reused = fetch(client, url)
        assert reused < drawn, url


def test_a_change_shows_at_once_on_every_page_that_shows_the_activity(client):
    activity = ActivityFactory(title="Szachy dla seniorów")
    pages = [FINDER, activity.get_absolute_url(), activity.programme.get_absolute_url()]
    for url in pages:
        assert "Szachy dla seniorów" in fetch(client, url)[0]
    activity.title = "Warcaby dla seniorów"
    activity.save()
    for url in pages:
        html = fetch(client, url)[0]
        assert "Warcaby dla seniorów" in html, url
        assert "Szachy dla seniorów" not in html, url


def test_a_kept_activity_or_programme_page_reads_nothing(client):
    activity = ActivityFactory()
    for url in [activity.get_absolute_url(), activity.programme.get_absolute_url()]:
        fetch(client, url)
        assert fetch(client, url)[1] == 0, url


def test_a_kept_page_goes_at_once_when_its_row_is_unpublished(client):
    activity = ActivityFactory()
    programme = activity.programme
    pages = [activity.get_absolute_url(), programme.get_absolute_url()]
    for url in pages:
        fetch(client, url)
    activity.published = False
    activity.save()
    assert client.get(pages[0]).status_code == 404
    programme.published = False
    programme.save()
    assert client.get(pages[1]).status_code == 404


def test_a_kept_page_goes_the_day_its_season_ends(client):
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0), tick=False):
        activity = ActivityFactory(visible_until=datetime.date(2026, 6, 15))
        fetch(client, activity.get_absolute_url())
    with time_machine.travel(datetime.datetime(2026, 6, 16, 12, 0), tick=False):
        assert client.get(activity.get_absolute_url()).status_code == 404


def test_a_card_is_drawn_per_language(client):
    activity = ActivityFactory(title_pl="Szachy", title_en="Chess", title_uk="Шахи")
    # Read before any request: a request leaves its language active in this thread.
    page = activity.get_absolute_url()
    assert "Szachy" in fetch(client, FINDER)[0]
    assert "Chess" in fetch(client, f"/en{FINDER}")[0]
    assert "Шахи" in fetch(client, f"/uk{FINDER}")[0]
    assert "Szachy" in fetch(client, page)[0]
    assert "Chess" in fetch(client, f"/en{page}")[0]


def test_the_highlighted_words_follow_each_search(client):
    ActivityFactory(title="Szachy i warcaby dla seniorów")
    first = fetch(client, f"{FINDER}?q=szachy")[0]
    second = fetch(client, f"{FINDER}?q=warcaby")[0]
    assert "<mark>Szachy</mark> i warcaby" in first
    assert "Szachy i <mark>warcaby</mark>" in second


def test_the_filter_form_keeps_each_visitors_choice(client, seed):
    finder = reverse("activities:list")
    fetch(client, f"{finder}?age=dzieci")
    html = fetch(client, f"{finder}?age=seniorzy")[0]
    assert '<option value="seniorzy" selected>' in html
    assert '<option value="dzieci" selected>' not in html


def test_a_filter_form_with_an_error_is_drawn_anew_for_each_visitor(client, seed):
    finder = reverse("activities:list")
    wrong = client.get(f"{finder}?age=nie-ma&q=szachy")
    assert wrong.status_code == 400
    assert '<select name="age" aria-invalid="true"' in wrong.text
    assert 'value="szachy"' in wrong.text
    other = client.get(f"{finder}?age=nie-ma&q=warcaby")
    assert 'value="warcaby"' in other.text
    assert 'value="szachy"' not in other.text
    # The same choices without the error are drawn as a valid form.
    right = fetch(client, f"{finder}?q=szachy")[0]
    assert 'aria-invalid="true"' not in right


def test_a_page_asks_the_cache_for_the_content_version_once(client, seed, monkeypatch):
    asked = []
    get_or_set = version_module.cache.get_or_set

    def counting(key, *args, **kwargs):
        if key == version_module.VERSION_KEY:
            asked.append(key)
        return get_or_set(key, *args, **kwargs)

    monkeypatch.setattr(version_module.cache, "get_or_set", counting)
    html = fetch(client, FINDER)[0]
    assert html.count('class="card') >= 3  # twenty cards, each a fragment with a key
    assert len(asked) == 1


def test_a_change_within_a_request_is_drawn_with_the_new_version():
    with one_read_per_request():
        before = content_version()
        ActivityFactory()
        assert content_version() != before


def test_the_finder_counts_what_each_visitor_sees(client):
    """The number of all activities is kept per content version; a filtered page
    counts its own matches."""
    ActivityFactory(title="Szachy dla seniorów")
    assert "Znaleziono 1 zajęcie" in fetch(client, FINDER)[0]
    ActivityFactory(title="Warcaby dla seniorów")
    ActivityFactory(title="Basen")
    assert "Znaleziono 3 zajęcia" in fetch(client, FINDER)[0]
    assert "Znaleziono 3 zajęcia" in fetch(client, f"{FINDER}?sort=a-z")[0]
    assert "Znaleziono 2 zajęcia" in fetch(client, f"{FINDER}?q=seniorów")[0]
    Activity.objects.filter(title="Basen").update(published=False)
    version_module.content_changed()
    assert "Znaleziono 2 zajęcia" in fetch(client, FINDER)[0]


def test_the_header_and_alternates_follow_each_address(client, seed):
    """Translated paths are kept per path: each query, language and host keeps its
    own links."""
    first = fetch(client, f"{FINDER}?q=szachy")[0]
    second = fetch(client, f"{FINDER}?q=warcaby")[0]
    assert 'href="/en/zajecia/?q=szachy"' in first
    assert 'hreflang="en" href="http://testserver/en/zajecia/?q=warcaby"' in second
    assert "q=szachy" not in second
    english = fetch(client, f"/en{FINDER}?q=warcaby")[0]
    assert 'href="/zajecia/?q=warcaby" lang="pl" hreflang="pl"' in english
    assert 'aria-current="true">English<' in english
    other_host = client.get(f"{FINDER}?q=warcaby", HTTP_HOST="127.0.0.1").text
    assert 'href="http://127.0.0.1/en/zajecia/?q=warcaby"' in other_host
    # The menu marks the page it is on.
    week = fetch(client, reverse("this_week"))[0]
    assert f'href="{reverse("this_week")}" aria-current="page"' in week
    assert f'href="{FINDER}" aria-current="page"' not in week


def test_a_chosen_topic_is_read_once_and_follows_a_change(client):
    chess = TopicFactory(name="Szachy", slug="szachy")
    ActivityFactory(title="Turniej", topics=[chess])
    assert "Szachy" in fetch(client, f"{FINDER}?topic=szachy")[0]
    with CaptureQueriesContext(connection) as queries:
        fetch(client, f"{FINDER}?topic=szachy&page=1")
    assert not [query for query in queries if "activities_topic" in query["sql"].split("WHERE")[0]]
    chess.name = "Gry planszowe"
    chess.save()
    html = fetch(client, f"{FINDER}?topic=szachy")[0]
    assert "Gry planszowe" in html
    assert "Szachy" not in html
    assert client.get(f"{FINDER}?topic=warcaby").status_code == 400


def test_the_finder_follows_a_place_moved_to_another_district(client):
    place = LocationFactory(district=district("nowa-huta"))
    ActivityFactory(title="Szachy dla seniorów", programme=place.programme, location=place)
    assert "Szachy dla seniorów" in fetch(client, f"{FINDER}?district=nowa-huta")[0]
    place.district = district("podgorze")
    place.save()
    assert "Szachy dla seniorów" not in fetch(client, f"{FINDER}?district=nowa-huta")[0]
    assert "Szachy dla seniorów" in fetch(client, f"{FINDER}?district=podgorze")[0]
