"""The finder's local-first order and compact cards, and the week across a
daylight-saving change, as a phone shows them (issue 14)."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from activities.models import Activity
from tests.browser.accessibility import serious_accessibility_violations
from tests.browser.conftest import DESKTOP
from tests.factories import WeeklySessionFactory

pytestmark = pytest.mark.browser

SCREEN = {"width": 360, "height": 800}
CITYWIDE_HEADING = "Również dla mieszkańców całego Krakowa"
# Friday 27 March 2026, noon in Kraków; summer time starts on Sunday 29 March.
BEFORE_SPRING_CHANGE = datetime.datetime(2026, 3, 27, 11, tzinfo=datetime.UTC)


def top(locator):
    return locator.bounding_box()["y"]


def test_a_district_chosen_on_a_phone_lists_its_own_activities_first(site, page):
    page.set_viewport_size(SCREEN)
    page.goto(f"{site}/zajecia/")
    page.get_by_label("Gdzie?").select_option(label="XVII Wzgórza Krzesławickie")
    page.get_by_role("button", name="Pokaż zajęcia").click()
    heading = page.get_by_role("heading", name=CITYWIDE_HEADING)
    expect(heading).to_be_visible()
    english = page.locator(".card", has_text="Nauka języka angielskiego – grupa początkująca")
    foster = page.locator(".card", has_text="Konsultacje psychiatryczne")
    assert top(english) < top(heading) < top(foster)
    expect(page.locator(".result-split")).to_have_text("10 w dzielnicy, 19 dla całego miasta")


def test_a_phone_shows_three_results_per_screen(site, page):
    page.set_viewport_size(SCREEN)
    page.goto(f"{site}/zajecia/?district=wzgorza-krzeslawickie")
    cards = page.locator("article.card")
    first, fourth = top(cards.nth(0)), top(cards.nth(3))
    assert fourth - first <= 2 * SCREEN["height"]


def test_the_list_says_once_that_everything_is_free(site, page):
    page.set_viewport_size(SCREEN)
    page.goto(f"{site}/zajecia/")
    expect(page.get_by_text("Wszystkie zajęcia PAL są bezpłatne")).to_have_count(1)
    expect(page.locator(".card", has_text="Bezpłatne")).to_have_count(0)


@pytest.fixture
def week_across_spring_change(site):
    """Two seed activities given weekly sessions: Fridays and Mondays at 17:00."""
    friday, monday = Activity.objects.published().filter(status="running")[:2]
    WeeklySessionFactory(activity=friday, weekday=5, starts_at="17:00", ends_at="18:00")
    WeeklySessionFactory(activity=monday, weekday=1, starts_at="17:00", ends_at="18:00")
    with time_machine.travel(BEFORE_SPRING_CHANGE, tick=False):
        yield site, friday, monday


def test_the_week_keeps_wall_clock_times_across_the_change_to_summer_time(
    week_across_spring_change, page
):
    site, friday, monday = week_across_spring_change
    page.set_viewport_size(SCREEN)
    page.goto(f"{site}/w-tym-tygodniu/")
    today = page.locator(".week-day--today")
    expect(today.get_by_role("heading")).to_have_text("Dzisiaj, piątek, 27 marca")
    expect(today.locator("li", has_text=friday.title).locator("time").first).to_have_attribute(
        "datetime", "2026-03-27T17:00:00+01:00"
    )
    after_change = page.locator(
        "section", has=page.get_by_role("heading", name="poniedziałek, 30 marca")
    )
    start = after_change.locator("li", has_text=monday.title).locator("time").first
    expect(start).to_have_text("17:00")
    expect(start).to_have_attribute("datetime", "2026-03-30T17:00:00+02:00")


def test_today_stands_out_from_the_other_days(week_across_spring_change, page):
    site, _friday, _monday = week_across_spring_change
    page.goto(f"{site}/w-tym-tygodniu/")
    background = "el => getComputedStyle(el).backgroundColor"
    today = page.locator(".week-day--today").evaluate(background)
    tomorrow = page.locator(".week-day").nth(1).evaluate(background)
    assert today != tomorrow


@pytest.mark.parametrize("size", [SCREEN, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize(
    "path",
    [
        "/w-tym-tygodniu/",
        "/w-tym-tygodniu/?district=wzgorza-krzeslawickie",
        "/zajecia/?district=wzgorza-krzeslawickie&sort=wkrotce",
        "/dzielnice/wzgorza-krzeslawickie/",
    ],
)
def test_new_pages_have_no_serious_accessibility_violations(
    week_across_spring_change, page, size, path
):
    site, _friday, _monday = week_across_spring_change
    page.set_viewport_size(size)
    page.goto(f"{site}{path}")
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize("path", ["/w-tym-tygodniu/", "/zajecia/?district=wzgorza-krzeslawickie"])
def test_it_never_scrolls_sideways_at_320_pixels(week_across_spring_change, page, path):
    site, _friday, _monday = week_across_spring_change
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{site}{path}")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
