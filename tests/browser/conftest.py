"""Browser tests: Playwright drives Chromium against a live server with the seed data.

Debian's /usr/bin/chromium is used where it exists (Playwright's own browser
download does not work on our machines); elsewhere Playwright's own build,
installed by `make test`.
"""

import os
import shutil
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command

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

    Live-server tests flush the database afterwards, districts included, so the
    data migration's seeding runs again first.
    """
    seed_districts = import_module("programmes.migrations.0002_seed_districts").seed_districts
    seed_districts(apps, schema_editor=None)
    translations = import_module("programmes.migrations.0005_fill_polish_and_district_names")
    translations.translate_district_names(apps, schema_editor=None)
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
