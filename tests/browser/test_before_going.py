"""What a resident needs to know before going (issue 14), in a real browser: axe finds
nothing serious on the pages that show it, on a phone and on a desktop."""

import datetime

import pytest
from playwright.sync_api import expect

from activities.models import Activity, HowToJoin
from programmes.models import StepFreeAccess
from tests.browser.accessibility import serious_accessibility_violations
from tests.factories import language

pytestmark = pytest.mark.browser

ROZRUCH = "/zajecia/projekt-socjalny-rozruch-4-edycja/"


@pytest.fixture
def facts(site):
    """The seed's Rozruch with everything filled in, as staff would."""
    activity = Activity.objects.get(slug=ROZRUCH.split("/")[2])
    activity.how_to_join = HowToJoin.REFERRAL
    activity.how_to_join_note = "Orzeczenie przynieś na pierwsze spotkanie"
    activity.notice = "Przerwa wakacyjna"
    activity.notice_until = datetime.date.today() + datetime.timedelta(days=30)
    activity.save()
    activity.languages.set([language("pl"), language("uk")])
    if activity.location:
        activity.location.step_free = StepFreeAccess.PARTLY
        activity.location.save()
    return site


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize(
    "path",
    [ROZRUCH, "/zajecia/?step_free=on", "/zajecia/?language=uk", "/deklaracja-dostepnosci/"],
)
def test_before_going_pages_have_no_serious_violations(facts, request, viewport, path):
    page = request.getfixturevalue(viewport)
    page.goto(f"{facts}{path}")
    assert serious_accessibility_violations(page) == []


def test_the_card_shows_the_facts_on_a_phone(facts, phone):
    phone.goto(f"{facts}/zajecia/?language=uk")
    card = phone.locator("article.card", has_text="Rozruch").first
    expect(card.locator(".temporary-notice")).to_have_text("Przerwa wakacyjna")
    expect(card.locator(".only-for")).to_contain_text("Tylko dla osób z orzeczeniem")
    expect(card.locator(".card-facts")).to_contain_text("Język zajęć: polski, ukraiński")
