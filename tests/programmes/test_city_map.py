"""/mapa/: every programme's places, as text and (on request) on a map."""

import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import LocationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def map_points(response):
    """The places the map draws, read from the page's JSON the way map.js does."""
    page = response.content.decode()
    start = page.index('<script id="map-points" type="application/json">') + len(
        '<script id="map-points" type="application/json">'
    )
    return json.loads(page[start : page.index("</script>", start)])


def test_it_lists_every_place_of_published_programmes_as_text(client):
    LocationFactory(address="os. Na Skarpie 35")
    LocationFactory(address="ul. Ukryta 1", programme=ProgrammeFactory(published=False))
    page = client.get(reverse("city_map")).content.decode()
    assert "os. Na Skarpie 35" in page
    assert "ul. Ukryta 1" not in page


def test_it_draws_only_places_with_coordinates(client):
    LocationFactory(
        address="os. Na Skarpie 35",
        latitude=Decimal("50.072200"),
        longitude=Decimal("20.037600"),
        coordinates_source="Pomiar w terenie",
    )
    LocationFactory(address="ul. Bez Pozycji 2")
    points = map_points(client.get(reverse("city_map")))
    assert [(point["lat"], point["lon"]) for point in points] == [(50.0722, 20.0376)]


def test_it_says_there_is_no_map_while_no_place_has_a_position(client):
    LocationFactory(address="os. Na Skarpie 35")
    page = client.get(reverse("city_map")).content.decode()
    assert 'id="map"' not in page
    assert "Nie mamy jeszcze położenia na mapie żadnego miejsca" in page


def test_it_loads_no_map_files_until_the_visitor_asks(client):
    LocationFactory(
        latitude=Decimal("50.0722"), longitude=Decimal("20.0376"), coordinates_source="x"
    )
    page = client.get(reverse("city_map")).content.decode()
    assert "leaflet.js" not in page.split("data-leaflet-js=")[0]
    assert '<script src="/static/leaflet/leaflet.js"' not in page
    assert 'rel="stylesheet" href="/static/leaflet/leaflet.css"' not in page


def test_its_policy_lets_the_browser_fetch_tiles(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    response = client.get(reverse("city_map"))
    assert "https://tiles.example.org" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("language", "heading"), [("uk", "Мапа всіх програм"), ("en", "Map of all programmes")]
)
def test_it_speaks_three_languages(client, language, heading):
    with translation.override(language):
        url = reverse("city_map")
    assert heading in client.get(url).content.decode()


def test_it_is_in_the_sitemap(client):
    LocationFactory()
    tree = ET.fromstring(client.get("/sitemap.xml").content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [element.text for element in tree.findall("s:url/s:loc", namespace)]
    assert "http://testserver/mapa/" in locations
    assert "http://testserver/uk/mapa/" in locations
