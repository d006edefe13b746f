"""Site-wide pages: the home page, about, the statements and the files for robots.

They describe or lead into the whole directory, so they sit above both content
apps and may use either. Pages about one programme or activity live in its app.
"""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET, require_safe

from activities.models import AgeGroup, Topic
from programmes import seo, share_images
from programmes import structured_data as sd
from programmes.models import District, Programme

HOME_PROGRAMMES = 12


@require_GET
def home(request):
    """The front door: ways into the finder, and the programmes."""
    return render(
        request,
        "pages/home.html",
        {
            # A page of cards, not the whole city: the programme list has the rest.
            "programmes": Programme.objects.published()
            .with_related()
            .with_activity_count()[:HOME_PROGRAMMES],
            "programme_count": Programme.objects.published().count(),
            "districts": District.objects.with_published_programmes(),
            "age_groups": AgeGroup.objects.all(),
            "topics": Topic.objects.with_published_activities(),
            "structured_data": seo.json_ld(sd.website(request)),
        },
    )


@require_GET
def about(request):
    return render(
        request,
        "pages/about.html",
        {"structured_data": seo.json_ld(sd.organization(request, with_context=True))},
    )


@require_GET
def accessibility_statement(request):
    return render(request, "pages/accessibility_statement.html")


@require_GET
def easy_read(request):
    return render(request, "pages/easy_read.html")


@require_safe
def site_share_image(request):
    return share_images.response(request, share_images.site_title(), "")


@require_safe
def robots_txt(request):
    """Crawl everything public except admin, searches, combinations of filters
    (those pages also say noindex and point to their landing page) and the
    "Zgłoś błąd" forms (the only public pages that set a cookie)."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for listing in (reverse("activities:list"), reverse("programmes:list")):
                lines.append(f"Disallow: {listing}?q=")
                lines.append(f"Disallow: {listing}?*&")
                lines.append(f"Disallow: {listing}*/zglos-blad/")
    lines += ["", f"Sitemap: {seo.absolute_url(request, reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def security_txt(request):
    """RFC 9116: where to report a vulnerability. 404 until a contact is configured."""
    if not settings.SECURITY_CONTACT:
        raise Http404("No security contact configured.")
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: pl, en",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
