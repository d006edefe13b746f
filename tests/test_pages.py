"""The accessibility statement and the easy-to-read page, linked from every page."""

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
]


def test_the_statement_carries_every_required_element(client):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    for element_id in STATEMENT_IDS:
        assert f'id="{element_id}"' in response.text, element_id


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
