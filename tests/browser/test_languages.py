import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/zajecia/",
    "/zajecia/?q=logopeda",
    "/programy/na-skarpie/",
    "/zajecia/projekt-socjalny-rozruch-4-edycja/",
]


def test_it_switches_language_and_stays_on_the_same_programme(site, phone):
    phone.goto(f"{site}/programy/na-skarpie/")
    expect(phone.locator("html")).to_have_attribute("lang", "pl")
    heading = phone.get_by_role("heading", level=1)
    expect(heading).to_have_text("PAL Na Skarpie")

    phone.get_by_role("navigation", name="Język").get_by_role("link", name="Українська").click()
    expect(phone).to_have_url(f"{site}/uk/programy/na-skarpie/")
    expect(phone.locator("html")).to_have_attribute("lang", "uk")
    expect(heading).to_have_text("PAL Na Skarpie")
    expect(phone.locator(".lead")).to_contain_text("Цілорічні заходи")

    phone.get_by_role("navigation", name="Мова").get_by_role("link", name="English").click()
    expect(phone).to_have_url(f"{site}/en/programy/na-skarpie/")
    expect(phone.locator(".lead")).to_contain_text("Year-round activities")
    current = phone.locator('.languages a[aria-current="true"]')
    expect(current).to_have_text("English")

    phone.get_by_role("link", name="Polski").click()
    expect(phone).to_have_url(f"{site}/programy/na-skarpie/")


def test_it_keeps_the_filters_when_switching_language(site, phone):
    phone.goto(f"{site}/zajecia/?district=nowa-huta&age=dzieci")
    phone.get_by_role("link", name="Українська").click()
    expect(phone).to_have_url(re.compile(r"/uk/zajecia/\?district=nowa-huta&age=dzieci$"))
    expect(phone.locator(".chips .chip")).to_have_count(2)
    expect(phone.locator(".chips")).to_contain_text("Нова Гута")


def test_it_finds_ukrainian_words_from_the_home_page(site, phone):
    phone.goto(f"{site}/uk/")
    phone.get_by_label("Що ви шукаєте?").fill("англійської")
    phone.get_by_label("Що ви шукаєте?").press("Enter")
    expect(phone.locator(".card__title mark").first).to_be_visible()
    expect(phone.locator(".card__title", has_text="Англійська мова")).to_have_count(2)


@pytest.mark.parametrize("language", ["uk", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_serious_accessibility_violations_in_each_language(site, phone, language, path):
    phone.goto(f"{site}/{language}{path}")
    expect(phone.locator("html")).to_have_attribute("lang", language)
    results = Axe().run(phone)
    serious = [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


@pytest.mark.parametrize("language", ["uk", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_it_never_scrolls_sideways_at_320_pixels_in_each_language(site, page, language, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{site}/{language}{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
