"""{% load seo_tags %}: `capture` (render once, place twice) and BreadcrumbList JSON-LD."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from programmes import seo

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The content is already rendered (and escaped) template output.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: render once, use several times.

    base.html uses it so that a page's title and description blocks also fill the
    Open Graph and Twitter tags without each page repeating them.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def breadcrumb_list(context, current, parent_url="", parent_label=""):
    """BreadcrumbList JSON-LD from the same data as the visible breadcrumbs."""
    request = context.request
    trail = [(gettext("Home"), reverse("home"))]
    if parent_url:
        trail.append((parent_label, parent_url))
    trail.append((current, request.path))
    return seo.json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": str(name),
                    "item": seo.absolute_url(request, url),
                }
                for position, (name, url) in enumerate(trail, start=1)
            ],
        }
    )
