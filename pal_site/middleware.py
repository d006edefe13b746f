"""Project-wide response handling: security headers and the anonymous page cache.

Both concern every page of both apps, so they live with the settings rather than
in `programmes` or `activities`.
"""

import hashlib
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from programmes.content_version import CACHE_DOWN, content_version, one_read_per_request


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


class FileNotAccepted(SuspiciousOperation):
    """A public form got a file part; Django answers 400."""


class RefuseFilesUploadHandler(FileUploadHandler):
    def new_file(self, field_name, *args, **kwargs):
        raise FileNotAccepted(f"File part {field_name!r} sent to a public form")

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


def request_limits(get_response):
    """Cap request bodies in Django too, so a deployment without the proxy's limit holds.

    Public addresses take small forms only: no file parts, and at most
    PUBLIC_REQUEST_MAX_BYTES; admin (photo and spreadsheet uploads) at most
    UPLOAD_REQUEST_MAX_BYTES. The length is checked before anything is read.
    """

    def middleware(request):
        admin = request.path_info.startswith("/admin/")
        limit = settings.UPLOAD_REQUEST_MAX_BYTES if admin else settings.PUBLIC_REQUEST_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            response = HttpResponse(
                _("The request is too large (over %(limit)s kB).") % {"limit": limit // 1024},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            # The body was not read: the connection cannot carry another request.
            response["Connection"] = "close"
            return response
        if not admin:
            request.upload_handlers = [RefuseFilesUploadHandler(request)]
        return get_response(request)

    return middleware


# --- The anonymous page cache ------------------------------------------------------------

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
# Staff pages, and the health check, which must ask the cache itself every time.
_UNCACHED_PREFIXES = ("/admin/", "/healthz")


def understood_parameters(request):
    """The query parameters the view at this address reads; None: not known (no view)."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return None
    view_class = getattr(view, "view_class", None)
    names = getattr(view_class or view, "query_parameters", None)
    if names is None and getattr(view_class, "filterset_class", None):
        names = [*view_class.filterset_class.base_filters, "page"]
    return frozenset(names or ())


def _staff_session(request):
    """Whether the session cookie belongs to a logged-in, active staff member.

    Any other cookie value (a made-up one, an expired or anonymous session) gets the
    cached page like everybody else, so a cookie cannot be used to skip the cache.
    """
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return False
    user_model = get_user_model()
    return user_model._default_manager.filter(pk=user_id, is_staff=True, is_active=True).exists()


class AnonymousPageCacheMiddleware:
    """Serve repeated anonymous GETs from the cache until content changes.

    Not for logged-in staff (they see fresh pages and drafts); only 200 responses that
    set no cookie, did not use the session or a CSRF token and do not forbid caching.
    The key holds the content version, which any save or delete of visible content
    bumps, and only the query parameters the page reads, in a canonical order: other
    parameters are redirected away first, so `?junk=N` cannot evict pages or bypass
    the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_read_per_request():
            return self.respond(request)

    def respond(self, request):
        if request.method in ("GET", "HEAD") and not request.path.startswith("/admin/"):
            redirect = self.redirect_unknown_parameters(request)
            if redirect is not None:
                return redirect
        key = self.cache_key(request)
        if key is None:
            return self.get_response(request)
        try:
            cached = cache.get(key)
        except CACHE_DOWN:
            return self.get_response(request)
        if cached is not None:
            return self.rebuild(cached)
        response = self.get_response(request)
        if self.cacheable(request, response):
            try:
                cache.set(key, self.freeze(response), settings.PAGE_CACHE_SECONDS)
            except CACHE_DOWN:
                return response
            response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def redirect_unknown_parameters(request):
        if not request.GET:
            return None
        understood = understood_parameters(request)
        if understood is None or understood.issuperset(request.GET):
            return None
        kept = [(name, values) for name, values in request.GET.lists() if name in understood]
        query = urlencode(kept, doseq=True)
        # One leading slash: "//host/" would be another site's address.
        path = "/" + request.path.lstrip("/")
        return HttpResponsePermanentRedirect(path + (f"?{query}" if query else ""))

    def cache_key(self, request):
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method != "GET"
            or "HTTP_AUTHORIZATION" in request.META
            or request.path.startswith(_UNCACHED_PREFIXES)
        ):
            return None
        # The same parameters in any order are the same page.
        query = urlencode(sorted(request.GET.lists()), doseq=True)
        if len(query) > _MAX_CACHED_QUERY or _staff_session(request):
            return None
        version = content_version()
        if version is None:
            return None
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        digest = hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()
        return f"page:{version}:{digest}"

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
