"""The version of the directory's content, which the anonymous page cache keys on.

Any save or delete of a programme or activity row bumps it, so every cached page
goes stale at once (across servers when the cache is shared). Each app connects
its own models in its AppConfig.ready(); bulk loaders, which send no signals,
call `content_changed()` themselves. Read by pal_site/middleware.py.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "page-cache:content-version"


def content_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def content_changed(**kwargs):
    """Make every cached page stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


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
