"""The version of the directory's content, which the anonymous page cache keys on.

Any save or delete of a programme or activity row bumps it, so every cached page
goes stale at once (across servers when the cache is shared). Each app connects
its own models in its AppConfig.ready(); bulk loaders, which send no signals,
call `content_changed()` themselves. Read by pal_site/middleware.py.

A cache that does not answer (Redis down) must not take the site with it: pages are
then drawn afresh and saves go through; see CACHE_DOWN.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

try:
    from redis.exceptions import RedisError
except ImportError:  # Only the local-memory cache is in use.
    RedisError = OSError

# What a shared cache raises when it cannot be reached.
CACHE_DOWN = (RedisError, OSError)
VERSION_KEY = "page-cache:content-version"
logger = logging.getLogger(__name__)


@functools.cache
def code_version():
    """A digest of the code, templates and catalogues this process draws pages with.

    Part of every page and fragment key, so after a deploy no page or card drawn by
    the old code is served, even from a cache the old and new servers share.
    """
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder in (
        "templates",
        "locale",
        "pal_site",
        "programmes",
        "activities",
        "pages",
        "opendata",
    ):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".html", ".py", ".po", ".txt", ".xml") and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# The version read once per request: a page with twenty cards asks for it twenty-odd
# times, and with Redis each read would be a round trip.
_read_this_request = contextvars.ContextVar("content_version_read", default=None)


@contextlib.contextmanager
def one_read_per_request():
    """Within this block content_version() asks the cache once (until content_changed)."""
    token = _read_this_request.set({})
    try:
        yield
    finally:
        _read_this_request.reset(token)


def content_version():
    """The current version, with the code's; None when the cache does not answer."""
    memo = _read_this_request.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    try:
        number = cache.get_or_set(VERSION_KEY, 1, timeout=None)
    except CACHE_DOWN:
        logger.warning("The cache does not answer: pages are drawn without it")
        number = None
    version = None if number is None else f"{code_version()}.{number}"
    if memo is not None:
        memo["version"] = version
    return version


def content_changed(**kwargs):
    """Make every cached page stale."""
    memo = _read_this_request.get()
    if memo is not None:
        memo.clear()  # This request draws with the new version from here on.
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, timeout=None)
    except CACHE_DOWN:
        # The save itself must go through. Pages cached before the outage expire
        # within PAGE_CACHE_SECONDS.
        logger.warning("The cache does not answer: a change could not mark pages stale")


def track_changes(app_config):
    """Bump the version on any change to `app_config`'s models (and to any m2m link).

    Except models whose rows no visitor sees (settings.PAGE_CACHE_IGNORED_MODELS): a
    resident's correction or a rate-limit count must not empty every cached page.
    """
    ignored = {label.lower() for label in settings.PAGE_CACHE_IGNORED_MODELS}
    for model in app_config.get_models():
        if model._meta.label_lower in ignored:
            continue
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-d-{model}")
    m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")
