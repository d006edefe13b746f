from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
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


@require_GET
def about(request):
    return render(request, "programmes/about.html")


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
