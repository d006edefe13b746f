"""Cards and blocks drawn once and reused across pages, queries and visitors.

`{% cached_include "activities/_activity_card.html" activity=activity search_query=q %}`
(programmes/templatetags/fragments.py) renders like `{% include … with … only %}`, but
keeps the HTML in the cache, keyed by what can change it:

- the template's name, and the code version (part of the content version: after a
  deploy that edits a card or any partial it includes, no old card is served);
- every value passed: a model instance by its label and primary key plus the plain
  values annotated on it (e.g. a programme's `activity_count`), anything else by value
  (a highlighted search query, a flag);
- the language, and today's date in Kraków (statuses such as "ended" follow the date);
- the content version (programmes/content_version.py): any save or delete of visible
  content makes every fragment stale at once, exactly as it does every cached page.

So a fragment may show only what it is given: an included template sees nothing else
(`only`) and the key holds all of it. Templates drawn through here must not read the
request, the visitor or the time of day. settings.FRAGMENT_CACHE_SECONDS = 0 turns it
off (each fragment drawn every time, the same HTML: tests/test_fragment_cache.py).

A list page whose cards are all in the cache need not build its rows at all:
`DeferredRows` stands for a page of rows by their ids and reads them (with everything
a card needs, in the queryset's usual few queries) only when a card is drawn anew.
"""

import contextlib
import datetime
import decimal
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from programmes.content_version import CACHE_DOWN, content_version

_PLAIN = (str, int, float, bool, decimal.Decimal, datetime.date, type(None))


def when_read(build):
    """`build()` (e.g. a queryset), called only when a template reads the value.

    For what only a cached fragment shows: building a queryset (filters, annotations)
    costs time even when it is never read, and a fragment from the cache reads nothing.
    """
    return SimpleLazyObject(build)


class DeferredRow:
    """One row of a DeferredRows page, known by its primary key until it is read."""

    def __init__(self, rows, pk):
        self._rows = rows
        self.pk = pk

    @property
    def _meta(self):
        return self._rows.model._meta

    def instance(self):
        """The row itself, read with the rest of the page on first use (None: gone)."""
        return self._rows.instance(self.pk)

    def __getattr__(self, name):
        # Anything but the key: the page wants the row after all (e.g. a template
        # outside the cache reads a field); read the page and answer for it.
        instance = self.instance()
        if instance is None:
            raise AttributeError(name)
        return getattr(instance, name)


class DeferredRows:
    """A page of `queryset` by ids in order; rows are read once, only if asked for."""

    def __init__(self, queryset, ids):
        self.model = queryset.model
        self._queryset = queryset
        self._instances = None
        self.rows = [DeferredRow(self, pk) for pk in ids]

    def instance(self, pk):
        if self._instances is None:
            self._instances = self._queryset.in_bulk([row.pk for row in self.rows])
        return self._instances.get(pk)


def _describe(value):
    """A stable text for one passed value, as far as the fragment can depend on it."""
    if isinstance(value, DeferredRow):
        # Read as the page's queryset reads it: nothing annotated that a card shows.
        return f"{value._meta.label_lower}:{value.pk}"
    if isinstance(value, models.Model):
        fields = {field.attname for field in value._meta.concrete_fields}
        # Annotations (counts, ranks) may be shown by a card; they are part of the key.
        annotations = sorted(
            (name, repr(item))
            for name, item in vars(value).items()
            if not name.startswith("_") and name not in fields and isinstance(item, _PLAIN)
        )
        return f"{value._meta.label_lower}:{value.pk}:{annotations}"
    if isinstance(value, (list, tuple)):
        # A page of rows (a listing's cards) or a few plain values: each by itself.
        inside = ", ".join(map(_describe, value))
        return f"[{inside}]" if isinstance(value, list) else f"({inside})"
    text = repr(value)
    if " object at 0x" in text:
        # Python's default repr names the object, not what it holds: no key can say
        # what the fragment shows, so it is drawn every time (fragment_key gives None).
        raise _Undescribable(text)
    return text


class _Undescribable(Exception):
    """A value passed to a fragment whose repr does not say what it holds."""


def _key(kind, parts):
    """A fragment cache key for `parts` plus what every fragment depends on (language,
    day, content version); None when nothing may be cached (off, or the cache is down)."""
    version = content_version()
    if version is None or not settings.FRAGMENT_CACHE_SECONDS:
        return None
    text = "\n".join(
        [
            *map(str, parts),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            str(version),
        ]
    )
    return f"fragment:{kind}" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def fragment_key(template, values):
    """The cache key of `template` drawn with `values`; None when nothing may be cached."""
    try:
        described = [f"{name}={_describe(value)}" for name, value in sorted(values.items())]
    except _Undescribable:
        return None
    return _key("", [template.origin.template_name if template.origin else "", *described])


def render_fragment(context, template_name, values, key_values=None):
    """`template_name` drawn with only `values`, from the cache when it holds it.

    `key_values` replaces `values` in the key where a value is costly to describe (a
    queryset not read yet): they must then determine everything the template shows.
    """
    template = context.template.engine.get_template(template_name)
    key = fragment_key(template, values if key_values is None else key_values)
    html = _cached(key)
    if html is None:
        values = {name: _read(value) for name, value in values.items()}
        if any(isinstance(value, _Gone) for value in values.values()):
            return ""
        # As {% include … only %}: a new context holding just the values given.
        html = template.render(context.new(values))
        _keep(key, str(html))
    return mark_safe(html)


def _cached(key):
    if key is None:
        return None
    try:
        return cache.get(key)
    except CACHE_DOWN:  # Drawn afresh; content_version() has logged it.
        return None


def _keep(key, value):
    if key is None:
        return
    with contextlib.suppress(CACHE_DOWN):
        cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)


def cached_value(parts, build):
    """`build()`, kept like a fragment: under `parts` (which must name everything it
    depends on besides the content), the language, the day and the content version.
    For what a page computes in Python from rows it otherwise need not read."""
    key = _key("value:", parts)
    value = _cached(key)
    if value is None:
        value = build()
        _keep(key, value)
    return value


class _Gone:
    """A deferred row that was unpublished or deleted between the two queries."""


def _read(value):
    if isinstance(value, DeferredRow):
        instance = value.instance()
        return _Gone() if instance is None else instance
    return value


def render_choice_field(field):
    """A form field's widget as `{{ field }}` draws it; a list of choices from the cache.

    Drawing a select through the form renderer costs a template per option and a
    query for the choices; its HTML depends only on the choices (content version,
    date, language), the chosen value and the widget's attributes. A field with
    errors, or one without choices, is drawn as usual.
    """
    widget = field.field.widget
    if not hasattr(widget, "choices") or field.errors:
        return str(field)
    key = _key(
        "field:",
        [
            type(widget).__qualname__,
            field.html_name,
            field.auto_id or "",
            repr(field.value()),
            repr(sorted(widget.attrs.items())),
            repr(sorted(field.build_widget_attrs({}).items())),
        ],
    )
    html = _cached(key)
    if html is None:
        html = str(field)
        _keep(key, html)
    return mark_safe(html)
