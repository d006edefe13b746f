"""Settings for the PAL Kraków directory.

One file, driven by environment variables (see README.md, "Configuration").
Defaults suit a developer's machine; production is switched on only by the
environment: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
import xstatic.pkg.leaflet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# Off unless explicitly asked for: a forgotten variable must never expose tracebacks.
DEBUG = env_bool("DJANGO_DEBUG")
# `make run` on a developer's machine: plain HTTP on loopback, a development key.
LOCAL = env_bool("DJANGO_LOCAL")
# pytest (8.2+) announces itself; tests render templates without collectstatic.
TESTING = "PYTEST_VERSION" in os.environ

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or LOCAL or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production needs a real secret key; "
            "for local work set DJANGO_DEBUG=true or use `make run`."
        )
    # Development only: a fixed, obviously unsafe key so sessions survive restarts.
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, so translated fields get their language tabs there.
    "modeltranslation",
    # Django's admin, with a count of new corrections on its index (pal_site/admin.py).
    "pal_site.admin.PalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    # Locks out repeated failed logins (see "Staff accounts" in README.md).
    "axes",
    # Who changed what and when; revert and "recover deleted" in admin.
    "reversion",
    "csp",
    # Bottom to top: each app may import only from the ones above it in this list
    # (checked by import-linter, see [tool.importlinter] in pyproject.toml).
    "programmes",
    "activities",
    "pages",
    # The HSDS API, data package, CSV and calendars (reads the two apps above).
    "opendata",
]

MIDDLEWARE = [
    # First: an oversized body or a file sent to a public form is refused before any work.
    "pal_site.middleware.request_limits",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files carry the same policy headers as pages.
    "csp.middleware.CSPMiddleware",
    "pal_site.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a cached page is revalidated too: 304 for a matching
    # ETag or Last-Modified (the open-data API sets both).
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the page cache, so searches answered from the cache are counted too; inside
    # ConditionalGetMiddleware, which may replace the response with a bodiless 304.
    "activities.middleware.count_searches",
    # Before sessions: a cached anonymous page is answered without touching them.
    "pal_site.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "pal_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "programmes.seo.page_urls",
            ],
        },
    },
]

WSGI_APPLICATION = "pal_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the single writer work side by side under gunicorn. Connections
    # are kept (DJANGO_CONN_MAX_AGE) as on PostgreSQL: opening one, with its pragmas and a
    # cold page cache, cost 3-4 ms of a 15-20 ms page (make profile, scripts/bench.py).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "pl"
# Polish at the root, the same paths behind /uk/ and /en/ (pal_site/urls.py).
LANGUAGES = [("pl", _("Polish")), ("uk", _("Ukrainian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content (programmes, activities, vocabularies) is translated with django-modeltranslation:
# name_pl, name_uk, name_en columns on the same rows; an empty translation shows the Polish.
MODELTRANSLATION_DEFAULT_LANGUAGE = "pl"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("pl",)
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Leaflet for the programme map, from a pinned package: served by us, never a CDN.
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    # Any Django storage, e.g. "storages.backends.s3.S3Storage" for object storage
    # (install django-storages and set its AWS_* variables; see README).
    "default": {
        "BACKEND": env("DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        # Tests render templates without running collectstatic first.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING
        else "pal_site.storage.StaticFilesStorage",
    },
}

# Map tiles for the programme map, fetched by the browser only on the page that shows it.
MAP_TILE_URL = env("DJANGO_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")

# Tests and the browser suite serve static files straight from the source folders.
WHITENOISE_USE_FINDERS = TESTING
WHITENOISE_AUTOREFRESH = TESTING

# Security: safe defaults everywhere, HTTPS-only settings once DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
HTTPS = env_bool("DJANGO_HTTPS", default=not (DEBUG or LOCAL or TESTING))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    # Only behind a proxy that sets this header itself (see README, "Deploying").
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): only this site's own files, no inline code.
# A view showing a map the visitor asked for adds the tile host to img-src with
# `programmes.views.allow_map_tiles` (see README, "Security headers").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Features no page uses; pal_site.middleware sends them with every response. The finder
# alone allows geolocation=(self) (programmes.views.allow_own_geolocation).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# /.well-known/security.txt: where to report a vulnerability, e.g. mailto:security@example.pl.
# Empty: the file answers 404 rather than naming a contact nobody confirmed.
SECURITY_CONTACT = env("DJANGO_SECURITY_CONTACT")

# Caches: local memory for one process; Redis (REDIS_URL) shares the cache and its
# invalidation between several workers and app servers.
REDIS_URL = env("REDIS_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("DJANGO_CACHE_PREFIX", "pal"),
    }
}
# Anonymous pages are kept this many seconds at most (0 turns the page cache off);
# any change to the directory's content empties it at once (programmes/content_version.py).
PAGE_CACHE_SECONDS = int(env("DJANGO_PAGE_CACHE_SECONDS", "300"))
# Cards and programme blocks are drawn once per language, day and content version and
# reused by every page and query that shows them (programmes/templatetags/fragments.py),
# also when the whole page cannot come from the cache (a search, a new filter, page 2).
# Kept 5 minutes at most, as pages are (a change saved while the cache was down shows
# within that time); 0 draws them every time. Independent of the page cache: with that
# off, fragments still spare every drawn page most of its work.
FRAGMENT_CACHE_SECONDS = int(env("DJANGO_FRAGMENT_CACHE_SECONDS", "300"))
# …except rows no visitor sees: residents' reports, rate-limit counts, search counts
# and sent reminders (counting a search must not throw every cached page away).
PAGE_CACHE_IGNORED_MODELS = [
    "activities.Correction",
    "activities.SearchCount",
    "activities.SentReminder",
    "programmes.RateLimit",
]

# Bounded request sizes: a huge form or body is a 400, not a worker tied up.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Whole request bodies are capped here too (pal_site.middleware.request_limits), not only
# by the proxy: public forms take no files and small bodies; admin takes uploads of
# PHOTO_MAX_BYTES plus the rest of the form. Spreadsheet imports use the same cap.
PUBLIC_REQUEST_MAX_BYTES = int(env("DJANGO_PUBLIC_REQUEST_MAX_BYTES", str(256 * 1024)))

# The public origin for canonical links, link previews, the sitemap and robots.txt, e.g.
# https://pal.example.pl. Required in production: without it they would repeat whatever
# Host header (and port) a client sends. Development uses the origin of each request.
SITE_URL = env("DJANGO_SITE_URL").rstrip("/")
if not SITE_URL and not (DEBUG or LOCAL or TESTING):
    raise ImproperlyConfigured(
        "DJANGO_SITE_URL is not set. Production needs the public origin, e.g. "
        "https://pal.example.pl; for local work set DJANGO_DEBUG=true or use `make run`."
    )
if SITE_URL and (not SITE_URL.startswith(("https://", "http://")) or SITE_URL.count("/") > 2):
    raise ImproperlyConfigured(
        f"DJANGO_SITE_URL must be an origin like https://pal.example.pl, not {SITE_URL!r}"
    )

# Licence of the open data (API, data package, CSV, calendars). CC BY 4.0 is proposed;
# only MOPS Kraków can decide, so pages say "proposed" until this is set to true.
OPEN_DATA_LICENCE_NAME = env("DJANGO_OPEN_DATA_LICENCE_NAME", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = env(
    "DJANGO_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_LICENCE_CONFIRMED = env_bool("DJANGO_OPEN_DATA_LICENCE_CONFIRMED")
# Where the data package is kept between changes (rebuilt when content changes).
OPEN_DATA_DIR = Path(env("DJANGO_OPEN_DATA_DIR", str(MEDIA_ROOT / "opendata")))

# Seed data built from the source article (see fixtures/README.md).
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

LOGIN_URL = "admin:login"
# Staff have no other home: after a refused `next`, the admin index, not /accounts/profile/.
LOGIN_REDIRECT_URL = "admin:index"

# Staff log in at the start of a working day; the session lasts one day at most.
SESSION_COOKIE_AGE = int(env("DJANGO_SESSION_COOKIE_AGE", str(9 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes, counts in the database so all workers share them): after
# 5 failures, that account is locked out from that address for 15 minutes; the page says
# so in Polish and answers 429. Locking the pair, not the account or the address alone,
# keeps an attacker from locking a coordinator out and one guessed account from locking
# out a whole office behind one address.
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = int(env("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("DJANGO_AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# An address trying many usernames is throttled on its own (pal_site/admin.py), after
# far more failures than one office makes in 15 minutes.
LOGIN_FAILURES_PER_ADDRESS = int(env("DJANGO_LOGIN_FAILURES_PER_ADDRESS", "30"))
AXES_LOCKOUT_CALLABLE = "pal_site.admin.lockout"
# Behind the proxy every request comes from it: count by the address it forwards.
AXES_CLIENT_IP_CALLABLE = "programmes.visitors.client_ip"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True

# Uploaded photos: limits checked before anything is written (see programmes/photos.py).
PHOTO_MAX_BYTES = int(env("DJANGO_PHOTO_MAX_BYTES", str(10 * 1024 * 1024)))
PHOTO_MAX_PIXELS = int(env("DJANGO_PHOTO_MAX_PIXELS", str(40_000_000)))
# Longest side and how much longer than wide: WebP cannot encode more than 16,383 px on a
# side, and a 1 px wide strip of millions of pixels costs a worker seconds to decode.
PHOTO_MAX_SIDE = int(env("DJANGO_PHOTO_MAX_SIDE", "12000"))
PHOTO_MAX_ASPECT_RATIO = int(env("DJANGO_PHOTO_MAX_ASPECT_RATIO", "5"))
# A whole admin request: one photo at the limit and the rest of the form (nginx: 12m).
UPLOAD_REQUEST_MAX_BYTES = int(
    env("DJANGO_UPLOAD_REQUEST_MAX_BYTES", str(PHOTO_MAX_BYTES + 2 * 1024 * 1024))
)

# Count the finder's searches (normalised words per day and language, nothing about
# the visitor) for the admin page "Czego szukają mieszkańcy"; off for benchmarks.
SEARCH_STATISTICS = env_bool("DJANGO_SEARCH_STATISTICS", default=True)
# Each worker writes its counts at most this often (activities/middleware.py); tests
# write at once.
SEARCH_STATISTICS_FLUSH_SECONDS = int(
    env("DJANGO_SEARCH_STATISTICS_FLUSH_SECONDS", "0" if TESTING else "60")
)

# Spreadsheet imports (activities/spreadsheet.py): refused before a row is read when
# larger; an XLSX file is a ZIP archive, so its unpacked size and packing ratio are
# capped too (a "ZIP bomb" unpacks a few kilobytes into gigabytes). 10 MB fits under
# UPLOAD_REQUEST_MAX_BYTES and the proxy's 12m for admin uploads and holds about
# 60,000 rows as XLSX; raise it for a bigger file imported on the command line.
IMPORT_MAX_BYTES = int(env("DJANGO_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
IMPORT_MAX_UNPACKED_BYTES = int(env("DJANGO_IMPORT_MAX_UNPACKED_BYTES", str(400 * 1024 * 1024)))
IMPORT_MAX_COMPRESSION_RATIO = int(env("DJANGO_IMPORT_MAX_COMPRESSION_RATIO", "100"))
IMPORT_MAX_ROWS = int(env("DJANGO_IMPORT_MAX_ROWS", "100000"))
# The admin preview lists this many rows that change or fail; the counts cover all.
IMPORT_PREVIEW_ROWS = int(env("DJANGO_IMPORT_PREVIEW_ROWS", "500"))
# Admin imports run as a process of their own (activities/import_jobs.py), so a big file
# shows progress instead of timing out; tests run them inside the request. A job that
# wrote no progress for this long was killed, and the page says so.
IMPORT_IN_WORKER = env_bool("DJANGO_IMPORT_IN_WORKER", default=not TESTING)
IMPORT_JOB_STALE_SECONDS = int(env("DJANGO_IMPORT_JOB_STALE_SECONDS", "600"))
# An uploaded file waits here between the admin preview and the confirmation; every
# worker must see the same folder (one machine: the default temporary folder).
IMPORT_UPLOAD_DIR = env(
    "DJANGO_IMPORT_UPLOAD_DIR", str(Path(tempfile.gettempdir()) / "pal-imports")
)

# "Zgłoś błąd": at most this many suggestions per address per hour.
CORRECTIONS_PER_HOUR = int(env("DJANGO_CORRECTIONS_PER_HOUR", "5"))

# Review dates: each programme and activity is due for a check this many months after
# "information last checked" (3, 6 or 12; staff change it per item).
REVIEW_INTERVAL_MONTHS = int(env("DJANGO_REVIEW_INTERVAL_MONTHS", "6"))
if REVIEW_INTERVAL_MONTHS not in (3, 6, 12):
    raise ImproperlyConfigured("DJANGO_REVIEW_INTERVAL_MONTHS must be 3, 6 or 12")
# Coordinators hear of a check this many days before it is due.
REVIEW_NOTICE_DAYS = 14


def email_settings(url):
    """Django's EMAIL_* settings from one URL: smtp://user:password@host:25,
    smtp+tls://… (STARTTLS, port 587 by default), smtps://… (TLS, 465) or console://."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    ports = {"smtp": 25, "smtp+tls": 587, "smtps": 465}
    if parts.scheme not in ports or not parts.hostname:
        raise ImproperlyConfigured(
            "EMAIL_URL must look like smtp+tls://user:password@host:587 (or smtp://, "
            f"smtps://, console://), not {parts.scheme}://…"
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or ports[parts.scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtps",
    }


# E-mail (review reminders, residents' reports to coordinators): EMAIL_URL, or the usual
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS/EMAIL_USE_SSL.
# Nothing configured on a developer's machine (`make run`): messages are printed instead.
if env("EMAIL_URL"):
    globals().update(email_settings(env("EMAIL_URL")))
elif env("EMAIL_HOST"):
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
elif DEBUG or LOCAL:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A mail server that does not answer must not hold a resident's request for long.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "PAL Kraków <webmaster@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
    # What the daily command and the report e-mails did, for the cron or systemd log.
    "loggers": {"pal.mail": {"level": "INFO"}},
}
