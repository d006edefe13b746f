"""The strict Content-Security-Policy breaks nothing: Chromium reports no violation."""

import pytest
from django.contrib.auth.models import User

from programmes.models import Programme
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

PUBLIC = ["/", "/zajecia/", "/zajecia/?q=logopeda", "/programy/", "/programy/na-skarpie/"]


def violations(page, urls, site):
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for url in urls:
        page.goto(f"{site}{url}")
        page.wait_for_load_state("load")
    return seen


def test_public_pages_run_without_csp_violations(site, desktop):
    assert violations(desktop, PUBLIC, site) == []


def test_admin_pages_run_without_csp_violations(site, desktop):
    User.objects.create_superuser("redaktor", "redaktor@example.com", "hasło-do-testów-123")
    log_in(desktop, site, "redaktor", "hasło-do-testów-123")
    programme = Programme.objects.first()
    admin_pages = [
        "/admin/",
        "/admin/programmes/programme/",
        f"/admin/programmes/programme/{programme.pk}/change/",
        "/admin/activities/activity/add/",
        "/admin/activities/activity/?q=angielski",
    ]
    assert violations(desktop, admin_pages, site) == []
    # The change form's own scripts ran: the inline "add another" rows are there.
    desktop.goto(f"{site}/admin/programmes/programme/{programme.pk}/change/")
    assert desktop.locator(".add-row a").count() > 0
