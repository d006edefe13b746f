from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django_filters.views import FilterView

from programmes.filters import ProgrammeFilter
from programmes.models import Programme


class FilteredListMixin:
    """Listing pages answer 400 (with the message on the page) for invalid filters."""

    def render_to_response(self, context, **kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class ProgrammeListView(FilteredListMixin, FilterView):
    model = Programme
    filterset_class = ProgrammeFilter
    paginate_by = 24

    def get_queryset(self):
        return Programme.objects.published().with_related().with_activity_count()


class ProgrammeDetailView(DetailView):
    def get_queryset(self):
        return Programme.objects.published().with_related()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            activities=self.object.activities.published().with_related().by_kind(),
            contacts=self.object.contacts.public(),
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


@require_GET
def about(request):
    return render(request, "programmes/about.html")


@require_GET
def accessibility_statement(request):
    return render(request, "pages/accessibility_statement.html")


@require_GET
def easy_read(request):
    return render(request, "pages/easy_read.html")
