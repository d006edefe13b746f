"""Programme pages, and the mixins every listing and detail page shares: canonical
and noindex for filtered listings, 301/410 for old addresses, staff previews.
"""

from functools import wraps
from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from programmes import seo, share_images
from programmes import structured_data as sd
from programmes.filters import ProgrammeFilter
from programmes.fragments import cached_value, when_read
from programmes.models import Programme, ProgrammeSlugHistory, in_visitor_order
from programmes.querystring import query_parameters
from programmes.templatetags.programme_tags import served_area


class InvalidFiltersMixin:
    """A filtered page answers 400 (with the message on the page) for invalid filters."""

    def render_to_response(self, context, **kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class FilteredListMixin(InvalidFiltersMixin):
    """Listing pages: 400 for invalid filters, and tell search engines which address
    is canonical and what not to index."""

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
        slug = self.kwargs.get(self.slug_url_kwarg)
        if queryset is not None or slug is None or self.is_staff_request():
            obj = super().get_object(queryset)
            self.preview = self.is_staff_request() and not obj.is_visible()
            return obj
        # A visitor's page: the row from the fragment cache, like the page's body and
        # head. Compiling and reading the row (a select_related of a few models, every
        # language's columns) costs more than drawing the rest of a page whose blocks
        # are cached; unpickling it costs under a twentieth of that. Kept under the
        # slug, the language, the day (the visibility dates) and the content version,
        # so it is exactly as fresh as the fragments drawn from it; a 404 is not kept.
        self.preview = False
        read = super().get_object
        return cached_value([f"{self.model._meta.label_lower} page row", slug], read)

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
        # The row alone: the rest of the page comes from the fragment cache, or is read
        # when the page is drawn anew (Programme.read_details).
        return super().get_queryset().for_detail_page()

    def get_context_data(self, **kwargs):
        programme = self.object
        request = self.request
        contacts = when_read(lambda: list(programme.contacts.public()))
        origin = seo.absolute_url(request, "/")
        head = cached_value(
            ["programme page head", programme.pk, origin],
            lambda: self.head(programme.read_details(), list(contacts)),
        )
        # The printed poster names the address the page was asked for.
        poster_url = f"{request.scheme}://{request.get_host()}{programme.get_absolute_url()}"
        return super().get_context_data(
            details=when_read(programme.read_details),
            detail_key=(programme.pk, self.preview, poster_url),
            poster_url=poster_url,
            photos=when_read(programme.photos.public),
            contacts=contacts,
            **head,
            **kwargs,
        )

    def head(self, programme, contacts):
        """What the page's head says, from the programme read with its details."""
        where = share_images.where(programme, programme.main_location)
        share_path = reverse("programmes:share_image", kwargs={"slug": programme.slug})
        return {
            "served_area": served_area(programme, programme.main_location),
            "share_image_url": seo.absolute_url(
                self.request, f"{share_path}?v={share_images.key(programme.name, where)}"
            ),
            "structured_data": seo.json_ld(sd.programme(self.request, programme, contacts)),
        }


def map_tile_origin():
    """The scheme and host of MAP_TILE_URL, e.g. https://tile.openstreetmap.org."""
    parts = urlsplit(settings.MAP_TILE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def allow_map_tiles(view):
    """Let one view's page load map tiles: adds the tile host to img-src only there.

    Use it on a view that shows a map the visitor asked for, e.g. in urls.py:
    `path("<slug:slug>/mapa/", allow_map_tiles(views.MapView.as_view()), name="map")`.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return csp_update({"img-src": [map_tile_origin()]})(view)(request, *args, **kwargs)

    return wrapped


def allow_own_geolocation(view):
    """Let one view's page ask the browser for its position (the finder's "Sort by
    distance from me"); every other page keeps `geolocation=()` (PERMISSIONS_POLICY).

    The browser still asks the visitor first; the page sends the position only to this
    site (static/js/near.js).
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY.replace(
            "geolocation=()", "geolocation=(self)"
        )
        return response

    return wrapped


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


@query_parameters()
@require_safe
def city_map(request):
    """/mapa/: every programme's places, as a list anyone can read and, on request, on a
    map. The map's files and tiles load only after the visitor presses "Show the map"
    (static/js/city_map.js)."""
    programmes = (
        Programme.objects.published()
        .with_related()
        .order_by(in_visitor_order("name", "sort_name"), "pk")
    )
    points = [
        {
            "name": f"{programme.name}: {location.name or location.address}",
            "address": location.full_address,
            "lat": float(location.latitude),
            "lon": float(location.longitude),
        }
        for programme in programmes
        for location in programme.mapped_locations
    ]
    return render(
        request,
        "programmes/city_map.html",
        {"programmes": programmes, "map_points": points, "tile_url": settings.MAP_TILE_URL},
    )
