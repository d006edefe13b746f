import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-real-secret-key-for-this-test-only-0123456789-abcdefghijkl",
    "DJANGO_ALLOWED_HOSTS": "pal.example.pl",
    "DJANGO_SITE_URL": "https://pal.example.pl",
}


def manage(*args, **env):
    """Run manage.py in a clean environment, as a production server would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_it_refuses_to_start_in_production_without_the_site_url():
    """Without it, canonical links, the sitemap and robots.txt would echo the Host header."""
    without_site_url = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SITE_URL"}
    result = manage("check", **without_site_url)
    assert result.returncode != 0
    assert "DJANGO_SITE_URL is not set" in result.stderr


def test_it_passes_the_deployment_checks_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_it_refuses_a_site_url_that_is_not_an_origin():
    result = manage("check", DJANGO_LOCAL="true", DJANGO_SITE_URL="pal.example.pl/katalog")
    assert "DJANGO_SITE_URL must be an origin" in result.stderr
