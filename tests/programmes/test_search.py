"""Search in Polish, Ukrainian and English (programmes/search.py)."""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from programmes import search
from programmes.models import Programme
from tests.factories import ActivityFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def titles(queryset):
    return [activity.title_pl for activity in queryset]


def test_it_keeps_cyrillic_letters_when_folding():
    assert search.fold("Їжак Йосип Ґанок") == "їжак йосип ґанок"


def test_it_still_drops_polish_diacritics():
    assert search.fold("Zesławice Łęg") == "zeslawice leg"


def test_it_treats_every_ukrainian_apostrophe_alike():
    assert search.forms("м’яч", "uk") == search.forms("м'яч", "uk") == search.forms("мʼяч", "uk")


def test_it_reduces_ukrainian_words_to_their_dictionary_forms():
    assert "дитина" in search.forms("дітей", "uk")
    assert "англійський" in search.forms("англійської", "uk")


def test_it_finds_ukrainian_text_by_another_form_of_the_word():
    ActivityFactory(title="Angielski", title_uk="Англійська мова для початківців")
    ActivityFactory(title="Brydż", title_uk="Бридж")
    with translation.override("uk"):
        assert titles(Activity.objects.search("англійської мови")) == ["Angielski"]
        assert titles(Activity.objects.search("англійську")) == ["Angielski"]


def test_it_finds_ukrainian_text_by_the_beginning_of_a_word():
    ActivityFactory(title="Logopeda", title_uk="Логопедичні заняття")
    with translation.override("uk"):
        assert titles(Activity.objects.search("логопед")) == ["Logopeda"]


def test_it_finds_english_text_by_its_stem():
    ActivityFactory(title="Siatkówka", title_en="Volleyball classes")
    with translation.override("en"):
        assert titles(Activity.objects.search("volleyball class")) == ["Siatkówka"]


def test_it_still_finds_polish_words_in_another_language():
    ActivityFactory(title="Zajęcia z siatkówki", title_uk="Заняття з волейболу")
    with translation.override("uk"):
        assert titles(Activity.objects.search("siatkowka")) == ["Zajęcia z siatkówki"]


def test_it_needs_every_word_of_a_ukrainian_query():
    ActivityFactory(title="A", title_uk="Англійська мова для початківців")
    ActivityFactory(title="B", title_uk="Англійська мова для просунутих")
    with translation.override("uk"):
        assert titles(Activity.objects.search("англійська просунутих")) == ["B"]


def test_it_ranks_ukrainian_title_matches_first():
    ActivityFactory(title="Opis", title_uk="Бридж", summary_uk="Для любителів шахів.")
    ActivityFactory(title="Tytuł", title_uk="Шахи", summary_uk="Гра.")
    with translation.override("uk"):
        assert titles(Activity.objects.search("шахи")) == ["Tytuł", "Opis"]


def test_it_follows_an_edited_translation():
    activity = ActivityFactory(title="Pilates")
    activity.title_uk = "Пілатес"
    activity.save()
    with translation.override("uk"):
        assert titles(Activity.objects.search("пілатесу")) == ["Pilates"]


def test_it_finds_activities_by_the_translated_programme_name():
    programme = ProgrammeFactory(name="PAL Rodziny", name_en="PAL for foster families")
    ActivityFactory(title="Karate", programme=programme)
    with translation.override("en"):
        assert titles(Activity.objects.search("foster")) == ["Karate"]


def test_it_finds_programmes_in_ukrainian():
    ProgrammeFactory(name="PAL Rodziny", summary_uk="Програма для прийомних сімей.")
    ProgrammeFactory(name="PAL Inny", summary_uk="Інша програма.")
    with translation.override("uk"):
        names = [p.name_pl for p in Programme.objects.search("прийомної сім’ї")]
    assert names == ["PAL Rodziny"]


def test_it_highlights_inflected_ukrainian_words():
    with translation.override("uk"):
        assert search.highlight_spans("Заняття для дітей", "діти") == [(12, 17)]


def test_it_bounds_the_number_of_query_words():
    with translation.override("uk"):
        assert len(search.query_terms(" ".join(f"слово{n}" for n in range(30)))) == 8


def test_it_finds_programmes_through_the_same_word_index_as_activities():
    ProgrammeFactory(name="PAL Zesławice", name_uk="ПАЛ Зеславиці")
    ProgrammeFactory(name="PAL Łęg")
    with translation.override("uk"):
        found = Programme.objects.search("зеславицях")
    assert [programme.name_pl for programme in found] == ["PAL Zesławice"]


def test_it_analyses_the_query_once_for_a_page_of_highlighted_cards(client):
    for n in range(5):
        ActivityFactory(title=f"Siatkówka {n}", summary="Siatkówka dla dzieci.")
    with mock.patch("programmes.search.query_terms", wraps=search.query_terms) as analyse:
        response = client.get(reverse("activities:list"), {"q": "siatkowka"})
    assert response.content.count(b"<mark>") == 10
    assert analyse.call_count == 1
