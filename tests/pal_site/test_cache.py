import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from pal_site.middleware import AnonymousPageCacheMiddleware
from programmes.content_version import code_version
from programmes.models import Programme
from tests.admin_forms import post_data
from tests.factories import ActivityFactory, ProgrammeFactory, district
from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db

# Redis runs on the CI machine; each engineer's clone uses its own database number.
TEST_REDIS_URL = os.environ.get("PAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


def test_it_serves_a_repeated_anonymous_page_from_the_cache(
    client, seed, django_assert_num_queries, settings
):
    # A cached search still writes its count (tests/activities/test_search_statistics.py).
    settings.SEARCH_STATISTICS = False
    for url in public_urls():
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)
        assert first.headers["X-Page-Cache"] == "miss", url
        assert second.headers["X-Page-Cache"] == "hit", url
        assert second.content == first.content
        assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_it_shows_fresh_content_after_staff_change_a_programme(client):
    programme = ProgrammeFactory(name="PAL Stara Nazwa")
    client.get(programme.get_absolute_url())
    client.get(reverse("programmes:list"))
    programme.name = "PAL Nowa Nazwa"
    programme.save()
    for url in [programme.get_absolute_url(), reverse("programmes:list")]:
        response = client.get(url)
        assert response.headers["X-Page-Cache"] == "miss"
        assert "PAL Nowa Nazwa" in response.text


def test_it_shows_fresh_content_after_a_deletion_or_a_changed_relation(client):
    activity = ActivityFactory(title="Szachy dla seniorów")
    assert "Szachy dla seniorów" in client.get(reverse("activities:list")).text
    activity.programme.districts.add(district("mistrzejowice"))
    assert client.get(reverse("activities:list")).headers["X-Page-Cache"] == "miss"
    activity.delete()
    assert "Szachy dla seniorów" not in client.get(reverse("activities:list")).text


def test_it_never_serves_cached_pages_to_staff(client, admin_client):
    programme = ProgrammeFactory()
    client.get(programme.get_absolute_url())
    response = admin_client.get(programme.get_absolute_url())
    assert "X-Page-Cache" not in response.headers


def test_it_does_not_cache_errors(client):
    url = reverse("activities:list") + "?district=nibylandia"
    client.get(url)
    response = client.get(url)
    assert response.status_code == 400
    assert "X-Page-Cache" not in response.headers


def test_it_does_not_cache_a_response_that_sets_a_cookie():
    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("c", "1")
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(RequestFactory().get("/x/"))
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/x/")).headers


def test_it_does_not_cache_a_page_with_a_csrf_token():
    from django.middleware.csrf import get_token

    def form_page(request):
        return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")

    middleware = AnonymousPageCacheMiddleware(form_page)
    middleware(RequestFactory().get("/zglos-blad/"))
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/zglos-blad/")).headers


def test_it_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(reverse("home"))
    assert "X-Page-Cache" not in client.get(reverse("home")).headers


def test_it_shares_the_cache_and_its_invalidation_through_redis(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": "pal-test",
        }
    }
    cache.clear()
    try:
        programme = ProgrammeFactory(name="PAL Redis")
        client.get(programme.get_absolute_url())
        assert client.get(programme.get_absolute_url()).headers["X-Page-Cache"] == "hit"
        Programme.objects.get(pk=programme.pk).save()
        assert client.get(programme.get_absolute_url()).headers["X-Page-Cache"] == "miss"
    finally:
        cache.clear()


def test_it_serves_pages_and_saves_changes_while_redis_does_not_answer(
    client, admin_client, settings
):
    # Nothing listens on port 1: every cache call fails as with Redis down.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    programme = ProgrammeFactory(name="PAL bez pamięci podręcznej")
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response.headers
    assert client.get(reverse("activities:list")).status_code == 200

    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    data = post_data(admin_client.get(url))
    data["name_pl"] = "PAL zapisany mimo awarii"
    assert admin_client.post(url, data).status_code == 302
    assert Programme.objects.get(pk=programme.pk).name_pl == "PAL zapisany mimo awarii"


def test_it_keeps_pages_cached_when_a_resident_reports_an_error(client):
    activity = ActivityFactory()
    client.get(reverse("activities:list"))
    correction_url = reverse("activities:correction", kwargs={"slug": activity.slug})
    assert (
        client.post(correction_url, {"kind": "other", "message": "Zła godzina."}).status_code == 302
    )
    assert client.get(reverse("activities:list")).headers["X-Page-Cache"] == "hit"


def test_it_serves_cached_pages_despite_a_made_up_session_cookie(client):
    client.get(reverse("activities:list"))
    client.cookies[settings.SESSION_COOKIE_NAME] = "zmyslona-wartosc"
    assert client.get(reverse("activities:list")).headers["X-Page-Cache"] == "hit"


def test_it_redirects_parameters_a_page_does_not_read_away(client):
    url = reverse("activities:list")
    response = client.get(url + "?district=nowa-huta&junk=1&utm_source=x&page=2")
    assert response.status_code == 301
    assert response.headers["Location"] == url + "?district=nowa-huta&page=2"
    assert client.get(reverse("about") + "?junk=" + "x" * 400).headers["Location"] == reverse(
        "about"
    )


def test_it_shares_one_cache_entry_for_the_same_parameters_in_any_order(client):
    url = reverse("activities:list")
    assert client.get(url + "?q=szachy&page=1").headers["X-Page-Cache"] == "miss"
    assert client.get(url + "?page=1&q=szachy").headers["X-Page-Cache"] == "hit"


def test_a_junk_parameter_flood_does_not_evict_the_finder(client):
    url = reverse("activities:list")
    client.get(url)
    for number in range(700):
        assert client.get(f"{url}?junk={number}").status_code == 301
    assert client.get(url).headers["X-Page-Cache"] == "hit"


def test_no_page_drawn_by_the_old_code_is_served_after_a_deploy(client, monkeypatch):
    url = reverse("home")
    client.get(url)
    assert client.get(url).headers["X-Page-Cache"] == "hit"
    monkeypatch.setattr("programmes.content_version.code_version", lambda: "new-code")
    assert client.get(url).headers["X-Page-Cache"] == "miss"


def test_the_code_version_follows_an_edited_partial(settings, tmp_path):
    partial = tmp_path / "templates" / "activities" / "_card.html"
    partial.parent.mkdir(parents=True)
    partial.write_text("<p>{{ activity }}</p>")
    settings.BASE_DIR = tmp_path
    code_version.cache_clear()
    try:
        before = code_version()
        partial.write_text("<p class='new'>{{ activity }}</p>")
        code_version.cache_clear()
        assert code_version() != before
    finally:
        code_version.cache_clear()
