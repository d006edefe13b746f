import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from pal_site.middleware import query_parameters
from programmes import seo, share_images
from programmes import structured_data as sd
from programmes.filters import ProgrammeFilter
from programmes.models import Programme, ProgrammeSlugHistory, visible_q

logger = logging.getLogger(__name__)


class FilteredListMixin:
    """Listing pages answer 400 (with the message on the page) for invalid filters,
    and tell search engines which address is canonical and what not to index."""

    def render_to_response(self, context, **kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        path, indexable = self.filterset.canonical(self.request.path, page.number if page else 1)
        context["canonical_url"] = seo.absolute_url(self.request, path)
        # An empty result is no page to send searchers to.
        context["noindex"] = not (indexable and page and page.paginator.count)
        return context


class MovedOrGoneMixin:
    """Old addresses of a renamed page answer 301 to the new one; the addresses of
    deleted pages answer 410 Gone. Unpublished pages stay plain 404s."""

    slug_history = None

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            old = self.slug_history.objects.filter(slug=kwargs["slug"]).first()
            if old is None:
                raise
            if old.target_id is None:
                return render(request, "410.html", status=410)
            current = self.get_queryset().filter(pk=old.target_id).first()
            if current is None:
                raise
            return redirect(current, permanent=True)


class ProgrammeListView(FilteredListMixin, FilterView):
    model = Programme
    filterset_class = ProgrammeFilter
    paginate_by = 24

    def get_queryset(self):
        return Programme.objects.published().with_related().with_activity_count()


class StaffPreviewMixin:
    """Staff who may change a draft preview it on its public page; visitors get 404.

    Only requests that carry a session cookie touch the session, so visitors' pages
    stay cookie-free and free of `Vary: Cookie`. Previews are marked never-cache and
    noindex, with a banner saying the page is not public.
    """

    def is_staff_request(self):
        return (
            settings.SESSION_COOKIE_NAME in self.request.COOKIES
            and self.request.user.is_active
            and self.request.user.is_staff
        )

    def get_queryset(self):
        queryset = self.model.objects.all()
        if self.is_staff_request():
            editable = self.model.objects.editable_by(self.request.user)
            public = self.model.objects.published()
            return queryset.filter(Q(pk__in=public.values("pk")) | Q(pk__in=editable.values("pk")))
        return queryset.published()

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        self.preview = self.is_staff_request() and not obj.is_visible()
        return obj

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.is_staff_request():
            add_never_cache_headers(response)
            response["Cache-Control"] += ", private"
        return response


class ProgrammeDetailView(MovedOrGoneMixin, StaffPreviewMixin, DetailView):
    model = Programme
    slug_history = ProgrammeSlugHistory

    def get_queryset(self):
        return super().get_queryset().with_related()

    def get_context_data(self, **kwargs):
        programme = self.object
        contacts = list(programme.contacts.public())
        where = share_images.where(programme, programme.main_location)
        share_path = reverse("programmes:share_image", kwargs={"slug": programme.slug})
        activities = programme.activities
        # A draft programme's preview lists the activities it will show once published.
        activities = activities.filter(visible_q()) if self.preview else activities.published()
        return super().get_context_data(
            photos=programme.photos.public(),
            activities=activities.with_related().by_kind(),
            contacts=contacts,
            share_image_url=seo.absolute_url(
                self.request, f"{share_path}?v={share_images.key(programme.name, where)}"
            ),
            structured_data=seo.json_ld(sd.programme(self.request, programme, contacts)),
            **kwargs,
        )


class ProgrammeMapView(DetailView):
    """The map a visitor asked for: only this page makes the browser contact the tile server."""

    template_name = "programmes/programme_map.html"

    def get_queryset(self):
        return Programme.objects.published().with_related()

    def get_context_data(self, **kwargs):
        points = [
            {
                "name": location.name or location.address,
                "address": location.full_address,
                "lat": float(location.latitude),
                "lon": float(location.longitude),
            }
            for location in self.object.mapped_locations
        ]
        return super().get_context_data(map_points=points, tile_url=settings.MAP_TILE_URL, **kwargs)


@query_parameters("v")
@require_safe
def programme_share_image(request, slug):
    programme = get_object_or_404(Programme.objects.published().with_related(), slug=slug)
    where = share_images.where(programme, programme.main_location)
    return share_images.response(request, programme.name, where)


@query_parameters("v")
@require_safe
def site_share_image(request):
    return share_images.response(request, share_images.site_title(), "")


@require_GET
def about(request):
    return render(
        request,
        "programmes/about.html",
        {"structured_data": seo.json_ld(sd.organization(request, with_context=True))},
    )


@require_GET
def accessibility_statement(request):
    return render(request, "pages/accessibility_statement.html")


@require_GET
def easy_read(request):
    return render(request, "pages/easy_read.html")


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
