"""Project-wide response handling: security headers and the anonymous page cache.

Both concern every page of both apps, so they live with the settings rather than
in `programmes` or `activities`.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from programmes.content_version import content_version


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


# --- The anonymous page cache ------------------------------------------------------------

# django-csp reads these from the response; a cached copy keeps them.
_CSP_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")
_MAX_CACHED_QUERY = 300


class AnonymousPageCacheMiddleware:
    """Serve repeated anonymous GETs from the cache until content changes.

    Only for visitors without a session cookie (staff always see fresh pages and
    drafts), only 200 responses that set no cookie, did not use the session or a
    CSRF token and do not forbid caching. The key holds the content version, which
    any save or delete of content bumps (programmes/content_version.py).
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
            "csp": {
                name: getattr(response, name) for name in _CSP_ATTRIBUTES if hasattr(response, name)
            },
        }

    @staticmethod
    def rebuild(cached):
        response = HttpResponse(cached["content"], headers=cached["headers"])
        for name, value in cached["csp"].items():
            setattr(response, name, value)
        response.headers["X-Page-Cache"] = "hit"
        return response
