"""Absolute addresses, canonical links and JSON-LD for search engines and link previews."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from programmes import share_images

# Open Graph wants a territory; these are the languages the site speaks or will speak.
OG_LOCALES = {"pl": "pl_PL", "uk": "uk_UA", "en": "en_GB"}

# JSON inside <script> must not be able to close the element or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute_url(request, path):
    """`path` on the site's public origin: SITE_URL when set, else the request's own."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def json_ld(data):
    """A <script type="application/ld+json"> element; content strings are escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


def page_urls(request):
    """Context processor: the page's canonical address (views may override it with
    `canonical_url`) and the Open Graph locale."""
    share_path = reverse("share_image") + "?v=" + share_images.key(share_images.site_title(), "")
    return {
        "page_url": absolute_url(request, request.path),
        "site_share_image_url": absolute_url(request, share_path),
        "og_locale": OG_LOCALES.get(getattr(request, "LANGUAGE_CODE", ""), "pl_PL"),
    }
