"""{% load search_tags %}: `highlight` marks the searched words on a card."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from programmes import search

register = template.Library()


@register.filter
def highlight(text, query):
    """Escape `text` and wrap the words that matched the search in <mark>."""
    text = str(text)
    if not query:
        return conditional_escape(text)
    parts, position = [], 0
    # The view passes the page's analysed Query; a plain string is analysed here.
    for start, end in search.Query.of(query).highlight_spans(text):
        parts.append(conditional_escape(text[position:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:end]))
        position = end
    parts.append(conditional_escape(text[position:]))
    return mark_safe("".join(parts))
