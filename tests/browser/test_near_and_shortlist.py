""" "Najbliżej", "Moja lista" and /mapa/ in a real browser, on the seed data."""

import base64
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from activities.models import Activity
from programmes.models import Location
from tests.browser.accessibility import serious_accessibility_violations
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.factories import ActivityFactory, LocationFactory

pytestmark = pytest.mark.browser

TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
MARKET_SQUARE = {"latitude": 50.0619, "longitude": 19.9368}
# Each new page, with everything it loads before any button is pressed.
PAGE_BUDGET_BYTES = 50_000


def placed_activity(title, latitude, longitude):
    place = LocationFactory(
        latitude=Decimal(latitude), longitude=Decimal(longitude), coordinates_source="Test"
    )
    return ActivityFactory(programme=place.programme, location=place, title=title)


@pytest.fixture
def placed(site):
    """Three activities at known places (factory coordinates; the seed has none)."""
    placed_activity("Zajęcia w Nowej Hucie", "50.072200", "20.037600")  # about 7 km
    placed_activity("Zajęcia pod Wawelem", "50.054000", "19.935500")  # about 0.9 km
    placed_activity("Zajęcia w Zesławicach", "50.092500", "20.090000")  # about 11.4 km
    return site


def test_it_sorts_by_distance_from_the_browsers_position(placed, context, phone):
    context.grant_permissions(["geolocation"])
    context.set_geolocation(MARKET_SQUARE)
    phone.goto(f"{placed}/zajecia/")
    phone.get_by_role("button", name="Pokaż najbliżej mnie").click()
    # Rounded to about 100 m before it leaves the browser.
    expect(phone).to_have_url(re.compile(r"near=50\.062%2C19\.937"))
    titles = phone.locator(".card__title").all_inner_texts()
    assert titles[:3] == ["Zajęcia pod Wawelem", "Zajęcia w Nowej Hucie", "Zajęcia w Zesławicach"]
    distances = phone.locator(".card__distance").all_inner_texts()
    assert distances[:3] == ["ok. 0,9 km", "ok. 7,3 km", "ok. 11 km"]
    # The seed's places have no coordinates: after the others, and said so.
    assert set(distances[3:]) == {"odległość nieznana"}
    expect(phone.locator(".chip", has_text="Najbliżej Twojego położenia")).to_be_visible()


def test_without_javascript_there_is_no_position_button_but_the_district_hint(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site}/zajecia/")
    expect(page.get_by_role("button", name="Pokaż najbliżej mnie")).to_have_count(0)
    expect(page.get_by_text("Możesz też wybrać dzielnicę")).to_be_visible()
    expect(page.locator(".save-button").first).to_be_hidden()
    context.close()


def save(page, title):
    page.locator(".card", has_text=title).get_by_role("button", name=re.compile("^Zapisz")).click()


def test_the_shortlist_survives_a_reload_and_opens_from_a_shared_link(site, browser, phone):
    first, second = Activity.objects.published().order_by("slug")[:2]
    phone.goto(f"{site}/zajecia/?q={first.title}")
    save(phone, first.title)
    phone.goto(f"{site}{second.get_absolute_url()}")
    phone.get_by_role("button", name=re.compile("^Zapisz")).click()
    phone.reload()
    expect(phone.get_by_role("button", name=re.compile("^Zapisz"))).to_have_attribute(
        "aria-pressed", "true"
    )

    phone.goto(f"{site}/moja-lista/")
    expect(phone).to_have_url(re.compile(rf"\?id={first.slug}&id={second.slug}$"))
    expect(phone.locator(".shortlist__title")).to_have_text([first.title, second.title])
    shared = phone.locator("[data-share-link]").get_attribute("href")
    assert shared.endswith(f"/moja-lista/?id={first.slug}&id={second.slug}")

    # Another phone: nothing saved there, the link alone brings the list.
    other = browser.new_context(viewport=PHONE)
    other_page = other.new_page()
    other_page.goto(shared)
    expect(other_page.locator(".shortlist__title")).to_have_text([first.title, second.title])
    other_page.get_by_role("button", name="Zapisz wszystkie na tym urządzeniu").click()
    other_page.goto(f"{site}/moja-lista/")
    expect(other_page.locator(".shortlist__title")).to_have_count(2)
    other.close()


def test_removing_an_item_from_my_own_list_updates_its_address(site, phone):
    first, second = Activity.objects.published().order_by("slug")[:2]
    phone.goto(f"{site}{first.get_absolute_url()}")
    phone.get_by_role("button", name=re.compile("^Zapisz")).click()
    phone.goto(f"{site}{second.get_absolute_url()}")
    phone.get_by_role("button", name=re.compile("^Zapisz")).click()
    phone.goto(f"{site}/moja-lista/")
    phone.locator(".shortlist__item", has_text=first.title).get_by_role("button").click()
    expect(phone).to_have_url(re.compile(rf"\?id={second.slug}$"))
    phone.reload()
    expect(phone.locator(".shortlist__title")).to_have_text([second.title])


def test_a_shortlist_of_eight_prints_on_one_page(site, page):
    slugs = Activity.objects.published().order_by("slug").values_list("slug", flat=True)[:8]
    page.goto(f"{site}/moja-lista/?" + "&".join(f"id={slug}" for slug in slugs))
    expect(page.locator(".shortlist__item")).to_have_count(8)
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_city_map_loads_leaflet_and_tiles_only_after_a_press(placed, phone):
    requested = []
    phone.on("request", lambda request: requested.append(request.url))
    phone.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(body=TILE, content_type="image/png"),
    )
    phone.goto(f"{placed}/mapa/")
    assert not [url for url in requested if "leaflet" in url or "openstreetmap" in url]
    expect(phone.get_by_role("heading", name="Wszystkie miejsca")).to_be_visible()
    phone.get_by_role("button", name="Pokaż mapę").click()
    expect(phone.locator(".leaflet-marker-icon")).to_have_count(3)
    assert any("tile.openstreetmap.org" in url for url in requested)


def shortlist_url(site):
    slugs = Activity.objects.published().order_by("slug").values_list("slug", flat=True)[:3]
    return f"{site}/moja-lista/?" + "&".join(f"id={slug}" for slug in slugs)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("path", ["/mapa/", "/moja-lista/", "shortlist"])
def test_the_new_pages_are_accessible_and_light(placed, page, viewport, path):
    page.set_viewport_size(viewport)
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(shortlist_url(placed) if path == "shortlist" else f"{placed}{path}")
    page.wait_for_load_state("networkidle")
    assert serious_accessibility_violations(page) == []
    assert sum(sizes) < PAGE_BUDGET_BYTES


def test_staff_pick_a_place_on_the_admin_map_and_must_name_the_source(site, anna, desktop):
    place = Location.objects.get(programme__slug="na-skarpie")
    desktop.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(body=TILE, content_type="image/png"),
    )
    log_in(desktop, site, anna)
    desktop.goto(f"{site}/admin/programmes/location/{place.pk}/change/")
    desktop.get_by_role("button", name="Wskaż punkt na mapie").click()
    desktop.locator(".leaflet-container").click()
    latitude = float(desktop.locator("#id_latitude").input_value())
    longitude = float(desktop.locator("#id_longitude").input_value())
    assert 49.9 < latitude < 50.2
    assert 19.7 < longitude < 20.3

    desktop.locator("input[name=_save]").click()
    expect(desktop.locator(".errorlist")).to_contain_text("Podaj, skąd pochodzą współrzędne")
    desktop.locator("#id_coordinates_source").fill("OpenStreetMap, sprawdzone na miejscu")
    desktop.locator("input[name=_save]").click()
    expect(desktop.locator(".messagelist")).to_be_visible()
    place.refresh_from_db()
    assert place.has_coordinates
