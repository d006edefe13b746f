"""Site-wide pages: the home page, about, the statements and the files for robots.

They describe or lead into the whole directory, so they sit above both content
apps and may use either. Pages about one programme or activity live in its app.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from activities.models import AgeGroup, Topic
from programmes import seo, share_images
from programmes import structured_data as sd
from programmes.fragments import when_read
from programmes.models import District, Programme
from programmes.querystring import query_parameters

logger = logging.getLogger(__name__)

HOME_PROGRAMMES = 12


@require_GET
def home(request):
    """The front door: ways into the finder, and the programmes."""
    return render(
        request,
        "pages/home.html",
        {
            # Read only when the directory block is drawn, not when it comes from the
            # fragment cache (pages/_home_directory.html).
            # A page of cards, not the whole city: the programme list has the rest.
            "programmes": when_read(
                lambda: (
                    Programme.objects.published()
                    .with_related()
                    .with_activity_count()[:HOME_PROGRAMMES]
                )
            ),
            "published_programmes": when_read(Programme.objects.published),
            "districts": when_read(District.objects.with_published_programmes),
            "age_groups": when_read(AgeGroup.objects.all),
            "topics": when_read(Topic.objects.with_published_activities),
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


@query_parameters("v")
@require_safe
def site_share_image(request):
    return share_images.response(request, share_images.site_title(), "")


@require_safe
def robots_txt(request):
    """Crawl everything public except admin, searches, combinations of filters
    (those pages also say noindex and point to their landing page), the
    "Zgłoś błąd" forms (the only public pages that set a cookie), the health check,
    and the open-data API, CSV and calendar files (data for programs, not search results)."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('healthz')}",
        "Disallow: /api/",
    ]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lines.append(f"Disallow: {reverse('opendata:page')}zajecia")
            lines.append(f"Disallow: {reverse('opendata:page')}programy/")
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


@never_cache
@require_safe
def healthz(request):
    """For load balancers and uptime checks: 200 when the database and the cache answer.

    Never cached and sets no cookie; robots.txt keeps crawlers away.
    """
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # Any failure of the database is "not healthy", never a 500.
        logger.exception("Health check: the database does not answer")
        checks["database"] = "error"
    try:
        token = uuid.uuid4().hex
        cache.set("healthz", token, timeout=10)
        if cache.get("healthz") != token:
            raise RuntimeError("the cache did not return what was stored")
    except Exception:  # Likewise for the cache (Redis down, full, unreachable).
        logger.exception("Health check: the cache does not answer")
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
