import pytest
from playwright.sync_api import expect

from activities.models import Activity
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_a_coordinator_logs_in_and_edits_their_own_activity(site, anna, desktop):
    own = Activity.objects.filter(programme__slug="na-skarpie").order_by("pk").first()
    other = Activity.objects.exclude(programme__slug="na-skarpie").order_by("pk").first()

    log_in(desktop, site, anna)
    expect(desktop.locator("#user-tools")).to_contain_text("anna")

    desktop.goto(f"{site}/admin/activities/activity/")
    expect(desktop.get_by_role("link", name=own.title, exact=True)).to_be_visible()
    expect(desktop.get_by_role("link", name=other.title, exact=True)).to_have_count(0)

    desktop.get_by_role("link", name=own.title, exact=True).click()
    desktop.locator("#id_summary_pl").fill("Zajęcia odbywają się teraz w czwartki.")
    desktop.locator("input[name=_save]").click()
    expect(desktop.locator(".messagelist")).to_contain_text(own.title)

    desktop.goto(f"{site}{own.get_absolute_url()}")
    expect(desktop.locator(".lead")).to_have_text("Zajęcia odbywają się teraz w czwartki.")
