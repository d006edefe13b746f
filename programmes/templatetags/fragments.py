"""`{% cached_include %}`: a card or block drawn once and reused (programmes/fragments.py)."""

from django import template

from programmes.fragments import render_choice_field, render_fragment, when_read

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


@register.simple_tag(takes_context=True)
def cached_filter_fields(context, filterset):
    """includes/filter_fields.html for a listing's filter form, kept per values chosen.

    The fields' HTML depends only on the FilterSet's class, the values given for its
    filters (and the language, day and content version in every key); a form with
    errors is drawn anew, so its messages are never shared. Without a query string
    the form is not even made unless the fields are drawn anew.
    """
    if filterset.is_bound and filterset.form.errors:
        template = context.template.engine.get_template("includes/filter_fields.html")
        return template.render(context.new({"form": filterset.form}))
    data = filterset.data
    chosen = sorted((name, data.getlist(name)) for name in filterset.filters if name in data)
    vary = f"{type(filterset).__module__}.{type(filterset).__qualname__}:{chosen!r}"
    values = {"form": when_read(lambda: filterset.form)}
    return render_fragment(context, "includes/filter_fields.html", values, {"vary": vary})


@register.simple_tag
def cached_field(field):
    """`{{ field }}`; a select drawn once per choice made (render_choice_field)."""
    return render_choice_field(field)
