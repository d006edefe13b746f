"""Search statistics: aggregate counts of normalised words per day and language,
nothing personal, counted even when the page comes from the cache, deleted after
13 months, shown to staff as "Czego szukają mieszkańcy"."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import SearchCount
from programmes import search
from tests.factories import ActivityFactory, coordinator, editor

pytestmark = pytest.mark.django_db

FINDER = "/zajecia/"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Angielski dla seniorów", "angielsk dla senior"),
        ("szachy  SZACHY", "szach"),
        ("basen tel. 600 100 200", "basen tel"),
        ("opieka 85010112345", "opiek"),
        ("kontakt jan.kowalski@example.com", "kontakt"),
        ("jan.kowalski logopeda", "logoped"),
        ("kurs2024 gitara", "gitar"),
        ("https://example.com", ""),
        ("+48 600-100-200", ""),
    ],
)
def test_it_keeps_only_the_stems_of_words_without_digits_or_addresses(typed, kept):
    assert search.counted_query(typed, "pl") == kept


@pytest.fixture
def chess():
    return ActivityFactory(title="Szachy dla dzieci")


def counts():
    return list(SearchCount.objects.values_list("language", "query", "searches", "found_nothing"))


def test_it_counts_a_search_and_whether_it_found_something(client, chess):
    client.get(FINDER, {"q": "szachy"})
    client.get(FINDER, {"q": "basen"})
    assert sorted(counts()) == [("pl", "basen", 1, 1), ("pl", "szach", 1, 0)]


def test_it_counts_searches_served_from_the_page_cache(client, chess):
    first = client.get(FINDER, {"q": "basen"})
    second = client.get(FINDER, {"q": "basen"})
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert counts() == [("pl", "basen", 2, 2)]


def test_a_cached_search_costs_one_write_and_nothing_else(client, chess):
    client.get(FINDER, {"q": "basen"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(FINDER, {"q": "basen"})["X-Page-Cache"] == "hit"
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 1
    assert statements[0].startswith('INSERT INTO "activities_searchcount"')


def test_it_keeps_cached_pages_while_counting(client, chess):
    client.get(chess.get_absolute_url())
    client.get(FINDER, {"q": "basen"})
    assert client.get(chess.get_absolute_url())["X-Page-Cache"] == "hit"


def test_it_counts_per_language(client, chess):
    client.get("/uk/zajecia/", {"q": "шахи"})
    client.get("/en/zajecia/", {"q": "chess"})
    assert sorted(row[:2] for row in counts()) == [("en", "chess"), ("uk", "шах")]


def test_it_counts_a_search_once_not_per_page(client):
    for n in range(25):
        ActivityFactory(title=f"Szachy grupa {n}")
    client.get(FINDER, {"q": "szachy"})
    client.get(FINDER, {"q": "szachy", "page": 2})
    assert counts() == [("pl", "szach", 1, 0)]


def test_it_does_not_count_browsing_or_invalid_searches(client, chess):
    client.get(FINDER)
    client.get(FINDER, {"district": "nowa-huta"})
    client.get(FINDER, {"q": "szachy", "age": "nie-ma-takiej"})
    client.get(FINDER, {"q": "600 100 200"})
    assert counts() == []


def test_it_keeps_nothing_about_the_visitor(client, chess):
    response = client.get(
        FINDER,
        {"q": "basen jan@example.com 85010112345 tel:600100200"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Przeglądarka testowa",
    )
    assert response.cookies == {}
    [row] = SearchCount.objects.values()
    assert set(row) == {"id", "day", "language", "query", "searches", "found_nothing"}
    assert row["query"] == "basen"
    assert not any(char.isdigit() for char in row["query"])


def test_it_counts_nothing_when_statistics_are_off(client, chess, settings):
    settings.SEARCH_STATISTICS = False
    client.get(FINDER, {"q": "szachy"})
    assert counts() == []


def test_the_daily_command_deletes_counts_older_than_13_months():
    with time_machine.travel(datetime.date(2025, 5, 14)):
        SearchCount.objects.record("pl", "basen", found_nothing=True)
    with time_machine.travel(datetime.date(2025, 5, 15)):
        SearchCount.objects.record("pl", "szach", found_nothing=False)
    with time_machine.travel(datetime.datetime(2026, 6, 15, 6, 0, tzinfo=datetime.UTC)):
        call_command("send_review_reminders", stdout=io.StringIO())
    assert counts() == [("pl", "szach", 1, 0)]


@pytest.fixture
def searched():
    today = datetime.date.today()
    for days_ago, query, found_nothing in [
        (0, "basen", True),
        (1, "basen", True),
        (2, "szach", False),
        (20, "angielsk dla senior", True),
    ]:
        with time_machine.travel(today - datetime.timedelta(days=days_ago)):
            SearchCount.objects.record("pl", query, found_nothing=found_nothing)
    with time_machine.travel(today):
        SearchCount.objects.record("uk", "шахи", found_nothing=False)


def statistics(client, **params):
    return client.get(reverse("admin:activities_searchcount_changelist"), params)


def test_it_shows_staff_what_residents_search_for_and_do_not_find(client, searched):
    client.force_login(editor())
    page = statistics(client)
    assert page.status_code == 200
    nothing = [(row["query"], row["total"]) for row in page.context["top_found_nothing"]]
    assert nothing == [("basen", 2), ("angielsk dla senior", 1)]
    assert [row["query"] for row in page.context["top"]][:1] == ["basen"]
    assert 'href="/zajecia/?q=angielsk+dla+senior"' in page.text
    assert 'href="/uk/zajecia/?q=%D1%88%D0%B0%D1%85%D0%B8"' in page.text


def test_it_shows_the_last_7_30_or_90_days(client, searched):
    client.force_login(editor())
    week = [row["query"] for row in statistics(client, days=7).context["top_found_nothing"]]
    assert week == ["basen"]
    assert statistics(client, days=1000).context["days"] == 30


def test_the_finder_link_finds_what_was_counted(client, chess):
    client.get(FINDER, {"q": "Szachy dla dzieci"})
    [row] = SearchCount.objects.all()
    assert chess.get_absolute_url() in client.get(row.finder_url()).text


def test_it_lets_coordinators_see_the_statistics_but_not_change_them(client, searched, chess):
    client.force_login(coordinator(chess.programme))
    assert statistics(client).status_code == 200
    assert "Czego szukają mieszkańcy" in client.get(reverse("admin:index")).text
    add = client.get(reverse("admin:activities_searchcount_add"))
    assert add.status_code == 403


def test_it_keeps_the_statistics_from_visitors(client, searched):
    assert statistics(client).status_code == 302


def test_a_failed_count_does_not_cost_the_visitor_their_results(client, chess, monkeypatch):
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SearchCount.objects, "record", locked)
    response = client.get(FINDER, {"q": "szachy"})
    assert response.status_code == 200
    assert chess.get_absolute_url() in response.text


def test_each_worker_writes_its_counts_together(client, chess, settings):
    from activities.middleware import pending

    settings.SEARCH_STATISTICS_FLUSH_SECONDS = 60
    pending.flush()  # Start the interval now.
    client.get(FINDER, {"q": "szachy"})
    client.get(FINDER, {"q": "szachy"})
    client.get(FINDER, {"q": "basen"})
    assert counts() == []
    pending.flush()
    assert sorted(counts()) == [("pl", "basen", 1, 1), ("pl", "szach", 2, 0)]
