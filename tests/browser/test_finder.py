import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_accessibility_violations

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "/",
    "/zajecia/",
    "/zajecia/?district=nowa-huta&age=dzieci",
    "/zajecia/?q=logopeda",
    "/zajecia/?district=atlantyda",
    "/zajecia/projekt-socjalny-rozruch-4-edycja/",
    "/programy/",
    "/programy/na-skarpie/",
    "/o-programie/",
    "/deklaracja-dostepnosci/",
    "/tekst-latwy-do-czytania/",
    "/otwarte-dane/",
    "/nie-ma-takiej-strony/",
]


def result_count(page):
    return int(re.search(r"\d+", page.locator(".result-count").inner_text()).group())


def test_it_filters_removes_a_chip_and_pages_on_a_phone(site, phone):
    phone.goto(f"{site}/zajecia/")
    everything = result_count(phone)
    phone.get_by_label("Gdzie?").select_option(label="XVIII Nowa Huta")
    phone.get_by_label("Dla kogo?").select_option(label="Dzieci")
    phone.get_by_label("Co lubisz?").select_option(label="Sport i ruch")
    phone.get_by_role("button", name="Pokaż zajęcia").click()
    # The chips wait for the filtered page; reading the count at once could read the old one.
    chips = phone.locator(".chips .chip")
    expect(chips).to_have_count(3)
    narrowed = result_count(phone)
    assert 0 < narrowed < everything

    phone.locator(".chip", has_text="Co lubisz?").click()
    phone.locator(".chip", has_text="Dla kogo?").click()
    expect(chips).to_have_count(1)
    assert result_count(phone) > 20

    phone.get_by_role("link", name="Następna strona").click()
    expect(phone).to_have_url(re.compile(r"district=nowa-huta.*page=2"))
    expect(phone.locator(".chips .chip")).to_have_count(1)


def test_it_finds_inflected_words_from_the_home_page(site, phone):
    phone.goto(site)
    phone.get_by_label("Czego szukasz?").fill("logopeda")
    phone.get_by_label("Czego szukasz?").press("Enter")
    expect(phone.locator(".card__title mark").first).to_be_visible()
    expect(phone.locator(".card__title", has_text="Warsztaty logopedyczne")).to_have_count(1)


def test_it_can_be_used_with_the_keyboard_alone(site, desktop):
    desktop.goto(f"{site}/zajecia/")
    desktop.keyboard.press("Tab")
    skip = desktop.locator(":focus")
    expect(skip).to_have_text("Przejdź do treści głównej")
    desktop.keyboard.press("Enter")
    # From the main content, Tab reaches the filter controls in order.
    for _ in range(12):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.name") == "district":
            break
    assert desktop.evaluate("document.activeElement.name") == "district"
    desktop.keyboard.press("ArrowDown")
    for _ in range(12):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.type") == "submit":
            break
    desktop.keyboard.press("Enter")
    expect(desktop.locator(".chips .chip")).to_have_count(1)


def test_it_keeps_the_filters_beside_the_results_on_a_desktop(site, desktop):
    desktop.goto(f"{site}/zajecia/?district=nowa-huta")
    filters = desktop.locator("details.filters").bounding_box()
    results = desktop.locator(".results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_it_never_scrolls_sideways_at_320_pixels(site, page, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{site}{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_it_has_no_serious_accessibility_violations(site, phone, path):
    phone.goto(f"{site}{path}")
    assert serious_accessibility_violations(phone) == []
