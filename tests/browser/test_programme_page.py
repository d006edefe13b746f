import base64
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from programmes.models import Location
from tests.browser.accessibility import serious_accessibility_violations

pytestmark = pytest.mark.browser

# A 1×1 transparent PNG stands in for OpenStreetMap's tiles: tests never leave the machine.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)

# Resolves once the image has loaded or failed. Not page.wait_for_function: a string
# predicate it has to poll is eval'd inside the page, which our CSP (rightly) refuses.
IMAGE_WIDTH_ONCE_LOADED = """img => img.complete ? img.naturalWidth : new Promise(resolve => {
    img.addEventListener("load", () => resolve(img.naturalWidth));
    img.addEventListener("error", () => resolve(0));
})"""


@pytest.fixture
def located_site(site):
    Location.objects.filter(programme__slug="na-skarpie").update(
        latitude="50.070000", longitude="20.040000", coordinates_source="test"
    )
    return site


def test_the_map_contacts_the_tile_server_only_after_the_visitor_asks(located_site, phone):
    hosts, tiles = set(), []
    phone.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    phone.route(
        "https://tile.openstreetmap.org/**",
        lambda route: (
            tiles.append(route.request.url),
            route.fulfill(body=TILE, content_type="image/png"),
        ),
    )
    phone.goto(f"{located_site}/programy/na-skarpie/")
    assert hosts == {urlsplit(located_site).netloc}

    phone.get_by_role("link", name="Pokaż na mapie").click()
    expect(phone.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(phone.locator(".leaflet-tile-loaded").first).to_be_visible()
    assert phone.locator(".leaflet-marker-icon").evaluate(IMAGE_WIDTH_ONCE_LOADED) > 0
    assert tiles and all(url.startswith("https://tile.openstreetmap.org/") for url in tiles)
    assert hosts == {urlsplit(located_site).netloc, "tile.openstreetmap.org"}


def test_the_map_page_has_no_serious_accessibility_violations(located_site, phone):
    phone.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(body=TILE, content_type="image/png"),
    )
    phone.goto(f"{located_site}/programy/na-skarpie/mapa/")
    expect(phone.locator(".leaflet-marker-icon")).to_have_count(1)
    assert serious_accessibility_violations(phone) == []


@pytest.mark.parametrize("slug", ["na-skarpie", "rodziny-zastepcze-os-sloneczne"])
def test_a_programme_page_prints_as_a_one_page_poster(site, page, slug):
    page.goto(f"{site}/programy/{slug}/")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
