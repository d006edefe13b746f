"""Facts about the visitor behind a request that more than one app needs.

Lives in the bottom app so every app (and pal_site's login throttling) can use it.
"""

from django.conf import settings


def client_ip(request):
    """The visitor's address, for login throttling and the corrections rate limit.

    Behind our proxy (DJANGO_BEHIND_PROXY) it is the last X-Forwarded-For entry, the
    one the proxy itself appended; earlier entries come from the client and can be forged.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
