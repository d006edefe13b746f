"""Polish letters behave the same on SQLite and PostgreSQL: search and alphabetical order."""

import pytest
from django.urls import reverse

from activities.models import Activity
from programmes.models import Programme
from programmes.search import sort_key
from tests.factories import ActivityFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

POLISH_ORDER = ["Ćma", "Lipa", "Łęg", "Mak", "Sowa", "Szymon", "Śruba", "Zebra", "Źdźbło", "Żaba"]


def test_the_sort_key_follows_the_polish_alphabet():
    shuffled = ["Żaba", "Mak", "Ćma", "Łęg", "Śruba", "Zebra", "Lipa", "Szymon", "Źdźbło", "Sowa"]
    assert sorted(shuffled, key=sort_key) == POLISH_ORDER
    assert sort_key("PAL Na Skarpie") < sort_key("PAL Nowa Huta")
    assert sort_key("Éclair") < sort_key("Fajka")


def test_a_case_insensitive_search_finds_polish_letters():
    ProgrammeFactory(name="PAL Łęg")
    ActivityFactory(title="Spacer po Łęgu")
    for query in ["ŁĘG", "łęg", "LEG"]:
        assert [p.name for p in Programme.objects.search(query)] == ["PAL Łęg"], query
        assert [a.title for a in Activity.objects.search(query)] == ["Spacer po Łęgu"], query


def test_programmes_are_listed_in_polish_alphabetical_order(client):
    for name in reversed(POLISH_ORDER):
        ProgrammeFactory(name=name, slug=f"p-{sort_key(name)}")
    assert [p.name for p in Programme.objects.all()] == POLISH_ORDER
    response = client.get(reverse("programmes:list"))
    assert [p.name for p in response.context["object_list"]] == POLISH_ORDER


def test_activities_are_listed_by_programme_then_title_in_polish_order(client):
    lipa = ProgrammeFactory(name="Lipa")
    leg = ProgrammeFactory(name="Łęg")
    for title in ["Żagle", "Ćwiczenia", "Szachy", "Śpiew"]:
        ActivityFactory(title=f"{title} w Łęgu", programme=leg)
    ActivityFactory(title="Zumba", programme=lipa)
    response = client.get(reverse("activities:list"))
    assert [a.title for a in response.context["object_list"]] == [
        "Zumba",
        "Ćwiczenia w Łęgu",
        "Szachy w Łęgu",
        "Śpiew w Łęgu",
        "Żagle w Łęgu",
    ]


def test_renaming_a_programme_moves_its_activities_in_the_order():
    first = ProgrammeFactory(name="Akacja")
    ActivityFactory(title="Zajęcia A", programme=first)
    ActivityFactory(title="Zajęcia B", programme=ProgrammeFactory(name="Brzoza"))
    first.name = "Żywiec"
    first.save()
    assert [a.title for a in Activity.objects.all()] == ["Zajęcia B", "Zajęcia A"]
