"""The language switcher, hreflang alternates and marks on content not translated yet."""

import functools
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

register = template.Library()
POLISH = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=2048)
def _translated_path(path, language, active_language):
    """translate_url() of a path without its query, kept: every page reads it for each
    language twice (switcher and hreflang), and it is the same for every query string
    and visitor. It depends on the language active too (i18n_patterns resolve by it)."""
    return translate_url(path, language)


def _alternate_path(request, language):
    """This page's address in another language, query string kept; its home page if none."""
    current = request.get_full_path()
    parts = urlsplit(current)
    translated = _translated_path(parts.path, language, get_language())
    url = current if translated == parts.path else parts._replace(path=translated).geturl()
    if url == current and language != get_language():
        # Not a page of i18n_patterns (an error page): go to that language's home page.
        with translation.override(language):
            url = reverse("home")
    return url


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: code, its own name, this page's address in it, current?"""
    request = context.get("request")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        path = _alternate_path(request, code) if request else "/"
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"].capitalize(),
                "path": path,
                "url": request.build_absolute_uri(path) if request else path,
                "current": code == current,
            }
        )
    return links


@register.filter
def untranslated(obj, field):
    """True when `obj.field` is shown in Polish because this language's text is empty."""
    language = get_language()
    if obj is None or not language or language == POLISH:
        return False
    own = getattr(obj, f"{field}_{language}", None)
    return not own and bool(getattr(obj, f"{field}_{POLISH}", None))


@register.filter
def untranslated_any(obj, fields):
    """True when any of the comma-separated `fields` is shown in Polish."""
    return any(untranslated(obj, field.strip()) for field in fields.split(","))


@register.filter
def lang_attr(obj, field):
    """` lang="pl"` for an element showing the Polish fallback of `obj.field`."""
    return mark_safe(' lang="pl"') if untranslated(obj, field) else ""


@register.filter
def text(obj, field):
    """`obj.field`, escaped, inside <span lang="pl"> when it is the Polish fallback."""
    value = getattr(obj, field, "") or ""
    if untranslated(obj, field):
        return format_html('<span lang="pl">{}</span>', value)
    return conditional_escape(value)
