"""Browser tests: Playwright drives Chromium against a live server with the seed data.

Debian's /usr/bin/chromium is used where it exists (Playwright's own browser
download does not work on our machines); elsewhere Playwright's own build,
installed by `make test`.
"""

import io
import os
import shutil

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.migration_data import restore_migration_data

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make there (loading seed data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args, "args": [*browser_type_launch_args.get("args", []), *FLAGS]}
    if CHROMIUM:
        args["executable_path"] = CHROMIUM
    return args


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address, with the seed data loaded.

    Live-server tests flush the database afterwards, districts and staff groups
    included, so the data migrations' rows are put back first.
    """
    restore_migration_data()
    call_command("load_seed", verbosity=0)
    return live_server.url


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def desktop(page):
    page.set_viewport_size(DESKTOP)
    return page


COORDINATOR_PASSWORD = "Koordynatorka-Na-Skarpie-2024"


@pytest.fixture
def anna(site, monkeypatch):
    """A coordinator of Na Skarpie (create_coordinator), who may edit and import into
    it; log_in() knows her password."""
    monkeypatch.setitem(os.environ, "DJANGO_STAFF_PASSWORD", COORDINATOR_PASSWORD)
    call_command("create_coordinator", "anna", "na-skarpie", stdout=io.StringIO())
    return "anna"


def log_in(page, site, username, password=COORDINATOR_PASSWORD):
    """Through the admin's login form, as staff do; returns once the admin greets them,
    since a page asked for before that could cut the login short."""
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(username)
