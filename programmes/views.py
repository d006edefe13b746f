from django.conf import settings
from django.db.models import Q
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django_filters.views import FilterView

from programmes.filters import ProgrammeFilter
from programmes.models import Programme, visible_q


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


class ProgrammeDetailView(StaffPreviewMixin, DetailView):
    model = Programme

    def get_queryset(self):
        return super().get_queryset().with_related()

    def get_context_data(self, **kwargs):
        activities = self.object.activities
        # A draft programme's preview lists the activities it will show once published.
        activities = activities.filter(visible_q()) if self.preview else activities.published()
        return super().get_context_data(
            photos=self.object.photos.public(),
            activities=activities.with_related().by_kind(),
            contacts=self.object.contacts.public(),
            **kwargs,
        )


@require_GET
def about(request):
    return render(request, "programmes/about.html")
