import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.management.commands.generate_demo_data import DEMO_PREFIX
from activities.models import Activity
from programmes.models import Programme
from tests.factories import WeeklySessionFactory
from tests.public_urls import detail_urls, list_urls

pytestmark = pytest.mark.django_db


def generate(programmes=20, activities=200, **options):
    call_command(
        "generate_demo_data", programmes=programmes, activities=activities, verbosity=0, **options
    )


def page_urls():
    finder = reverse("activities:list")
    return [
        *list_urls(),
        f"{finder}?page=2",
        f"{finder}?district=nowa-huta&age=dzieci&topic=sport&weekday=2",
        f"{finder}?q=angielski",
        f"{reverse('programmes:list')}?district=nowa-huta&q=pal",
        reverse("district", kwargs={"slug": "nowa-huta"}),
        reverse("topic", kwargs={"slug": "sport"}),
        *detail_urls(),
    ]


def query_counts(client):
    counts = {}
    for url in page_urls():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_it_creates_marked_demo_data_beside_the_seed_and_removes_only_that(seed, capsys):
    real = set(Programme.objects.values_list("slug", flat=True))
    generate(programmes=12, activities=150)
    demo = Programme.objects.filter(slug__startswith=DEMO_PREFIX)
    assert demo.count() == 12
    assert Activity.objects.filter(slug__startswith=DEMO_PREFIX).count() == 150
    assert all("demonstracyjne" in p.source for p in demo)
    assert Activity.objects.search("angielski").filter(slug__startswith=DEMO_PREFIX).exists()
    call_command("generate_demo_data", delete=True, verbosity=0)
    assert set(Programme.objects.values_list("slug", flat=True)) == real


def test_it_makes_the_same_data_from_the_same_seed():
    generate(seed=3)
    first = list(Activity.objects.values_list("slug", "title", "programme__slug"))
    call_command("generate_demo_data", delete=True, verbosity=0)
    generate(seed=3)
    assert list(Activity.objects.values_list("slug", "title", "programme__slug")) == first


def test_it_refuses_to_run_twice_or_in_production(settings):
    generate(programmes=2, activities=2)
    with pytest.raises(CommandError, match="exists already"):
        generate(programmes=2, activities=2)
    settings.DEBUG = settings.LOCAL = settings.TESTING = False
    with pytest.raises(CommandError, match="production"):
        generate(programmes=2, activities=2)


def test_the_number_of_queries_per_page_does_not_grow_with_the_data(client, seed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    # The seed has no weekly session: with one, the week page reads sessions (a
    # query per prefetch) before the data grows, as it does after.
    WeeklySessionFactory(activity=Activity.objects.published().filter(status="running").first())
    before = query_counts(client)
    generate(programmes=40, activities=800)
    assert query_counts(client) == before


def test_the_home_page_shows_a_dozen_programmes_and_links_to_all(client, seed):
    generate(programmes=30, activities=10)
    response = client.get(reverse("home"))
    assert len(response.context["programmes"]) == 12
    assert f'href="{reverse("programmes:list")}">Wszystkie programy (35)' in response.text
