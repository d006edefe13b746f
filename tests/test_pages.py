"""The accessibility statement and the easy-to-read page, linked from every page."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

STATEMENT = reverse("accessibility_statement")
EASY_READ = reverse("easy_read")

# Element ids the Ministry of Digital Affairs' template (version 2.0) requires, so that
# the statement can be read by the ministry's monitoring tools.
STATEMENT_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-zakres",
    "a11y-architektura",
    "a11y-architektura-url",
    "a11y-komunikacja",
    "a11y-aplikacje",
]


def test_the_statement_carries_every_required_element(client):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    for element_id in STATEMENT_IDS:
        assert f'id="{element_id}"' in response.text, element_id


@pytest.mark.parametrize("element_id", STATEMENT_IDS)
def test_the_statement_carries_each_element_exactly_once(client, element_id):
    assert client.get(STATEMENT).text.count(f'id="{element_id}"') == 1


def test_the_statement_links_to_mops_building_accessibility_in_bip(client):
    text = client.get(STATEMENT).text
    link = text.split('id="a11y-architektura-url"')[1].split(">")[0]
    assert 'href="https://www.bip.krakow.pl/?dok_id=167279"' in link


def test_the_architecture_link_sits_in_the_architecture_section(client):
    text = client.get(STATEMENT).text
    section = text.split('id="a11y-architektura"')[1].split("</div>")[0]
    assert 'id="a11y-architektura-url"' in section


def test_the_statement_follows_the_templates_headings_in_order(client):
    text = client.get(STATEMENT).text
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", text)
    assert headings == [
        "Stan dostępności cyfrowej",
        "Niedostępne treści",
        "Przygotowanie deklaracji dostępności",
        "Informacje zwrotne i dane kontaktowe",
        "Obsługa wniosków i skarg związanych z dostępnością",
        "Pozostałe informacje",
    ]


def test_the_statements_scope_names_the_website_address(client):
    text = client.get(STATEMENT).text
    scope = text.split('id="a11y-zakres"')[1].split("</p>")[0]
    assert '<a id="a11y-url" href="http://testserver/">' in scope


def test_the_communication_section_leaves_what_only_mops_knows_to_mops(client):
    section = client.get(STATEMENT).text.split('id="a11y-komunikacja"')[1].split("</p>")[0]
    assert '<span class="todo">do uzupełnienia przez MOPS Kraków</span>' in section


@pytest.mark.parametrize("prefix", ["/uk", "/en"])
def test_the_statement_keeps_its_ids_in_every_language(client, prefix):
    text = client.get(prefix + STATEMENT).text
    for element_id in ["a11y-zakres", "a11y-architektura", "a11y-komunikacja"]:
        assert text.count(f'id="{element_id}"') == 1


def test_the_statement_names_mops_and_the_site_address(client):
    text = client.get(STATEMENT).text
    assert '<span id="a11y-podmiot">Miejski Ośrodek Pomocy Społecznej w Krakowie</span>' in text
    assert '<a id="a11y-url" href="http://testserver/">' in text


def test_the_statement_marks_what_only_mops_can_fill_in(client):
    text = client.get(STATEMENT).text
    for element_id in ["a11y-data-publikacja", "a11y-osoba", "a11y-email", "a11y-telefon"]:
        assert f'id="{element_id}" class="todo">do uzupełnienia przez MOPS Kraków' in text


def test_the_easy_to_read_page_explains_how_to_find_an_activity(client):
    response = client.get(EASY_READ)
    assert response.status_code == 200
    assert "Jak znaleźć zajęcia?" in response.text
    assert f'href="{reverse("activities:list")}"' in response.text


@pytest.mark.parametrize("path", ["/", "/zajecia/", "/programy/", "/o-programie/", "/brak/"])
def test_every_page_links_both_from_its_footer(client, path):
    footer = client.get(path).text.split('<footer class="site-footer">')[1]
    assert f'href="{STATEMENT}"' in footer
    assert f'href="{EASY_READ}"' in footer
