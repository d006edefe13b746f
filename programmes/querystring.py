"""Which query parameters a view reads: the page cache redirects any other away
(pal_site/middleware.py), so junk in the query string never reaches a page."""

from functools import wraps


def query_parameters(*names):
    """Declare the query parameters a function view reads, e.g. `@query_parameters("p")`.

    Any other parameter is redirected away (see AnonymousPageCacheMiddleware), so junk
    in the query string can neither multiply cache keys nor reach the page. Class-based
    views set `query_parameters` on the class; a FilterView reads its filters and `page`.
    """

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            return view(*args, **kwargs)

        wrapped.query_parameters = frozenset(names)
        return wrapped

    return decorate
