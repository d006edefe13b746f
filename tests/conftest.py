import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so no page is served from a previous test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seed(db):
    """The seed data from the source article."""
    call_command("load_seed", verbosity=0)
