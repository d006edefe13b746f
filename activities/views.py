from django.conf import settings
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView
from django_filters.views import FilterView

from activities.filters import ActivityFilter
from activities.forms import CorrectionForm
from activities.models import Activity, AgeGroup, Topic
from pal_site.admin import client_ip
from programmes.models import District, Programme
from programmes.views import FilteredListMixin, StaffPreviewMixin


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


class ActivityDetailView(StaffPreviewMixin, DetailView):
    model = Activity

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_related()
            .prefetch_related("partners", "programme__locations__district")
        )

    def get_context_data(self, **kwargs):
        programme = self.object.programme
        return super().get_context_data(
            photos=self.object.photos.public(),
            contacts=programme.contacts.public(),
            other_activities=programme.activities.published().exclude(pk=self.object.pk)[:6],
            **kwargs,
        )


def _rate_limited(request):
    """At most CORRECTIONS_PER_HOUR submissions per address per hour (cache-based)."""
    key = f"corrections:{client_ip(request)}"
    cache.add(key, 0, timeout=60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:  # Expired between add and incr.
        cache.set(key, 1, timeout=60 * 60)
        count = 1
    return count > settings.CORRECTIONS_PER_HOUR


def _correction(request, programme, activity=None):
    """The "Zgłoś błąd" form: the only public page that sets a (CSRF) cookie."""
    subject = activity or programme
    context = {"subject": subject, "programme": programme, "activity": activity}
    if request.method == "GET" and "wyslano" in request.GET:
        return render(request, "activities/correction_sent.html", context)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "activities/correction_limit.html", context, status=429)
        if form.is_valid():
            # A filled honeypot is a robot: thank it, keep nothing.
            if not form.cleaned_data["website"]:
                form.instance.programme = programme
                form.instance.activity = activity
                form.save()
            return redirect(f"{request.path}?wyslano=1")
    status = 400 if form.is_bound else 200
    return render(
        request, "activities/correction_form.html", {**context, "form": form}, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
def programme_correction(request, slug):
    return _correction(request, get_object_or_404(Programme.objects.published(), slug=slug))


@never_cache
@require_http_methods(["GET", "POST"])
def activity_correction(request, slug):
    activity = get_object_or_404(
        Activity.objects.published().select_related("programme"), slug=slug
    )
    return _correction(request, activity.programme, activity)
