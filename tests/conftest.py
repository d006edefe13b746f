import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a fresh folder per test, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page served from a previous test,
    no rate limit used up."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def polish_by_default():
    """Each test starts in Polish, as the site does.

    A request through the test client leaves its language active in the test's
    thread; without this, a factory called after a /uk/ request would write its
    plain `name` into `name_uk` (modeltranslation writes the current language).
    """
    translation.activate("pl")
    yield
    translation.activate("pl")


@pytest.fixture
def seed(db):
    """The seed data from the source article."""
    call_command("load_seed", verbosity=0)
