from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django_filters.views import FilterView

from activities.filters import ActivityFilter
from activities.models import Activity, AgeGroup, Topic
from programmes.models import District, Programme
from programmes.views import FilteredListMixin

HOME_PROGRAMMES = 12


@require_GET
def home(request):
    """The front door: ways into the finder, and the programmes.

    It lives here rather than in `programmes` because it links into the
    activity finder, and `programmes` never imports from `activities`.
    """
    return render(
        request,
        "home.html",
        {
            # A page of cards, not the whole city: the programme list has the rest.
            "programmes": Programme.objects.published()
            .with_related()
            .with_activity_count()[:HOME_PROGRAMMES],
            "programme_count": Programme.objects.published().count(),
            "districts": District.objects.with_published_programmes(),
            "age_groups": AgeGroup.objects.all(),
            "topics": Topic.objects.all(),
        },
    )


class ActivityListView(FilteredListMixin, FilterView):
    model = Activity
    filterset_class = ActivityFilter
    paginate_by = 20

    def get_queryset(self):
        return Activity.objects.published().with_related()

    def get_context_data(self, **kwargs):
        form = self.filterset.form
        query = form.cleaned_data.get("q", "") if form.is_valid() else ""
        return super().get_context_data(search_query=query, **kwargs)


class ActivityDetailView(DetailView):
    def get_queryset(self):
        return (
            Activity.objects.published()
            .with_related()
            .prefetch_related("partners", "programme__locations__district")
        )

    def get_context_data(self, **kwargs):
        programme = self.object.programme
        return super().get_context_data(
            contacts=programme.contacts.public(),
            other_activities=programme.activities.published().exclude(pk=self.object.pk)[:6],
            **kwargs,
        )
