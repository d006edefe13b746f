"""Project-wide response handling: security headers and the anonymous page cache.

Both concern every page of both apps, so they live with the settings rather than
in `programmes` or `activities`.
"""

import hashlib
from functools import wraps
from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse


def security_headers(get_response):
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response.

    Django sends Referrer-Policy, Cross-Origin-Opener-Policy, nosniff and HSTS;
    django-csp sends Content-Security-Policy.
    """

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response

    return middleware


def map_tile_origin():
    """The scheme and host of MAP_TILE_URL, e.g. https://tile.openstreetmap.org."""
    parts = urlsplit(settings.MAP_TILE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def allow_map_tiles(view):
    """Let one view's page load map tiles: adds the tile host to img-src only there.

    Use it on a view that shows a map the visitor asked for, e.g. in urls.py:
    `path("<slug:slug>/mapa/", allow_map_tiles(views.MapView.as_view()), name="map")`.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return csp_update({"img-src": [map_tile_origin()]})(view)(request, *args, **kwargs)

    return wrapped


# --- The anonymous page cache ------------------------------------------------------------

VERSION_KEY = "page-cache:content-version"
# django-csp reads these from the response, and the search statistics read
# `search_record` (activities/middleware.py): a cached copy keeps them.
_KEPT_ATTRIBUTES = (
    "_csp_update",
    "_csp_replace",
    "_csp_config",
    "_csp_exempt",
    "search_record",
)
_MAX_CACHED_QUERY = 300


def content_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def content_changed(**kwargs):
    """Make every cached page stale: works across servers when the cache is shared."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_content_signals():
    """Called from ActivitiesConfig.ready(), so commands invalidate pages too."""
    for app_label in settings.PAGE_CACHE_CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label in settings.PAGE_CACHE_IGNORED_MODELS:
                continue
            post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-{model}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-d-{model}")
    m2m_changed.connect(content_changed, dispatch_uid="page-cache-m2m")


class AnonymousPageCacheMiddleware:
    """Serve repeated anonymous GETs from the cache until content changes.

    Only for visitors without a session cookie (staff always see fresh pages and
    drafts), only 200 responses that set no cookie, did not use the session or a
    CSRF token and do not forbid caching. The key holds the content version, which
    any save or delete in PAGE_CACHE_CONTENT_APPS bumps.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.cache_key(request)
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            return self.rebuild(cached)
        response = self.get_response(request)
        if self.cacheable(request, response):
            cache.set(key, self.freeze(response), settings.PAGE_CACHE_SECONDS)
            response.headers["X-Page-Cache"] = "miss"
        return response

    def cache_key(self, request):
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method != "GET"
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or len(request.META.get("QUERY_STRING", "")) > _MAX_CACHED_QUERY
        ):
            return None
        if request.path.startswith("/admin/"):
            return None
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()
        return f"page:{content_version()}:{digest}"

    @staticmethod
    def cacheable(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "Cookie" not in response.get("Vary", "")
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        )

    @staticmethod
    def freeze(response):
        return {
            "content": response.content,
            "headers": dict(response.headers),
            "attributes": {
                name: getattr(response, name)
                for name in _KEPT_ATTRIBUTES
                if hasattr(response, name)
            },
        }

    @staticmethod
    def rebuild(cached):
        response = HttpResponse(cached["content"], headers=cached["headers"])
        for name, value in cached["attributes"].items():
            setattr(response, name, value)
        response.headers["X-Page-Cache"] = "hit"
        return response
