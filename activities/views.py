from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from activities import structured_data as activity_data
from activities.filters import ActivityFilter
from activities.models import Activity, ActivitySlugHistory, AgeGroup, Topic
from programmes import seo, share_images
from programmes import structured_data as programme_data
from programmes.models import District, Programme
from programmes.views import FilteredListMixin, MovedOrGoneMixin


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
            "programmes": Programme.objects.published().with_related().with_activity_count(),
            "districts": District.objects.with_published_programmes(),
            "age_groups": AgeGroup.objects.all(),
            "topics": Topic.objects.with_published_activities(),
            "structured_data": seo.json_ld(programme_data.website(request)),
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
        return super().get_context_data(
            search_query=query,
            landing_districts=District.objects.with_published_programmes(),
            landing_topics=Topic.objects.with_published_activities(),
            **kwargs,
        )


class ActivityDetailView(MovedOrGoneMixin, DetailView):
    slug_history = ActivitySlugHistory

    def get_queryset(self):
        return (
            Activity.objects.published()
            .with_related()
            .prefetch_related("partners", "programme__locations__district")
        )

    def get_context_data(self, **kwargs):
        activity = self.object
        programme = activity.programme
        contacts = list(programme.contacts.public())
        where = share_images.where(programme, activity.location)
        share_path = reverse("activities:share_image", kwargs={"slug": activity.slug})
        return super().get_context_data(
            contacts=contacts,
            other_activities=programme.activities.published().exclude(pk=activity.pk)[:6],
            share_image_url=seo.absolute_url(
                self.request, f"{share_path}?v={share_images.key(activity.title, where)}"
            ),
            structured_data=seo.json_ld(activity_data.activity(self.request, activity)),
            **kwargs,
        )


@require_safe
def activity_share_image(request, slug):
    activity = get_object_or_404(Activity.objects.published().with_related(), slug=slug)
    where = share_images.where(activity.programme, activity.location)
    return share_images.response(request, activity.title, where)


class DistrictLandingView(DetailView):
    """/dzielnice/<slug>/: what residents of one district can join."""

    model = District

    def get_context_data(self, **kwargs):
        district = self.object
        local = District.objects.with_published_programmes().filter(pk=district.pk).exists()
        return super().get_context_data(
            programmes=Programme.objects.published()
            .with_related()
            .with_activity_count()
            .in_district(district),
            activities=Activity.objects.published().with_related().in_district(district),
            has_local_programmes=local,
            # Only citywide programmes: an honest page, but not one to send searchers to.
            noindex=not local,
            **kwargs,
        )


class TopicLandingView(DetailView):
    """/tematy/<slug>/: every activity about one topic, across the programmes."""

    model = Topic

    def get_context_data(self, **kwargs):
        activities = list(Activity.objects.published().with_related().about(self.object))
        programmes = sorted({a.programme for a in activities}, key=lambda p: p.name)
        return super().get_context_data(
            activities=activities,
            programmes=programmes,
            noindex=not activities,
            **kwargs,
        )


@require_safe
def robots_txt(request):
    """Crawl everything public except admin, searches and combinations of filters
    (those pages also say noindex and point to their landing page)."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for listing in (reverse("activities:list"), reverse("programmes:list")):
                lines.append(f"Disallow: {listing}?q=")
                lines.append(f"Disallow: {listing}?*&")
    lines += ["", f"Sitemap: {seo.absolute_url(request, reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
