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


def test_it_reads_the_mail_server_from_email_url():
    from pal_site.settings import email_settings

    mail = email_settings("smtp+tls://pal%40mops.krakow.pl:tajne%2Fhaslo@smtp.example.pl")
    assert mail["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (mail["EMAIL_HOST"], mail["EMAIL_PORT"]) == ("smtp.example.pl", 587)
    assert (mail["EMAIL_HOST_USER"], mail["EMAIL_HOST_PASSWORD"]) == (
        "pal@mops.krakow.pl",
        "tajne/haslo",
    )
    assert (mail["EMAIL_USE_TLS"], mail["EMAIL_USE_SSL"]) == (True, False)


def test_it_reads_an_ssl_mail_server_and_the_console_from_email_url():
    from pal_site.settings import email_settings

    assert email_settings("smtps://smtp.example.pl:2465")["EMAIL_PORT"] == 2465
    assert email_settings("smtps://smtp.example.pl")["EMAIL_USE_SSL"] is True
    console = email_settings("console://")["EMAIL_BACKEND"]
    assert console == "django.core.mail.backends.console.EmailBackend"


def test_it_refuses_an_email_url_it_cannot_read():
    result = manage("check", DJANGO_LOCAL="true", EMAIL_URL="mailto:pal@example.pl")
    assert result.returncode != 0
    assert "EMAIL_URL must look like" in result.stderr


def test_it_prints_e_mails_on_a_developers_machine():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        DJANGO_LOCAL="true",
    )
    # The last line: `shell` may first say which objects it imported.
    backend = result.stdout.strip().splitlines()[-1]
    assert backend == "django.core.mail.backends.console.EmailBackend"
