"""`{% cached_include %}`: a card or block drawn once and reused (programmes/fragments.py)."""

from django import template

from programmes.fragments import render_choice_field, render_fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def cached_include(context, template_name, vary=None, **values):
    """`{% include template_name with values only %}`, from the fragment cache.

    The key holds the values; with `vary=…`, that value instead: for values not worth
    reading when the fragment is cached (querysets of the same rows for everybody, such
    as the home page's lists: `vary=""`), `vary` must then hold whatever else they
    depend on.
    """
    key_values = None if vary is None else {"vary": vary}
    return render_fragment(context, template_name, values, key_values)


@register.simple_tag
def cached_field(field):
    """`{{ field }}`; a select drawn once per choice made (render_choice_field)."""
    return render_choice_field(field)
