"""Activity pages: the finder, an activity, the district and topic landing pages
and the "Zgłoś błąd" form of programmes and activities.
"""

import functools
import re
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from activities import mail, week
from activities import structured_data as activity_data
from activities.filters import ActivityFilter
from activities.forms import CorrectionForm
from activities.models import Activity, ActivitySlugHistory, Topic
from programmes import search, seo, share_images
from programmes.fragments import cached_value, when_read
from programmes.models import District, Programme, RateLimit, StaffContact
from programmes.querystring import query_parameters
from programmes.templatetags.programme_tags import served_area
from programmes.views import (
    FilteredListMixin,
    InvalidFiltersMixin,
    MovedOrGoneMixin,
    ProgrammeListView,
    StaffPreviewMixin,
)
from programmes.visitors import client_ip


class ActivityPaginator(Paginator):
    """Reads a page in two steps (ActivityQuerySet.page): sorted ids, then their rows.

    Counting the matches is the dearest query at city scale (6–10 ms of 50,000
    activities on SQLite), so it is not a query of its own: a filtered or searched
    page's ids come with the counts (page_ids_with_counts; with a district chosen,
    also how many are held there); with nothing chosen, the page is read from the
    recommended order's index, and the number of all activities a visitor can see is
    kept like a fragment, per content version and day, since every unfiltered page
    and order shows the same.
    """

    district = None
    whole_directory = False
    _page_ids = None

    @cached_property
    def counts(self):
        """{"total": …, "held_here": … (None without a district)}."""
        if self.district is not None:
            return self.object_list.order_by().count_held_in_district(self.district)
        if self.whole_directory:
            total = cached_value(["visible activities"], self.object_list.values("pk").count)
        else:
            total = self.object_list.values("pk").count()
        return {"total": total, "held_here": None}

    @cached_property
    def count(self):
        return self.counts["total"]

    def page(self, number):
        if not self.whole_directory and "counts" not in self.__dict__:
            self._read_page_with_counts(number)
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        if self._page_ids is not None and self._page_ids[0] == number:
            rows = self.object_list.cards(self._page_ids[1])
        else:
            rows = self.object_list.page_of_cards(start, self.per_page)
        return self._get_page(rows, number, self)

    def _read_page_with_counts(self, number):
        """Page `number`'s ids and the counts in one query, when it is a page number;
        past the end of a list that has rows, the counts are left to their own query."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            return
        if number < 1:
            return
        start = (number - 1) * self.per_page
        ids, counts = self.object_list.page_ids_with_counts(start, self.per_page, self.district)
        if counts is not None:
            self.__dict__["counts"] = counts
            self._page_ids = (number, ids)


@functools.lru_cache(maxsize=16)
def finder_activities(day, language):
    """The finder's activities before any filter: visible on `day`, in the recommended
    order for `language`. Never evaluated itself; each request takes a copy (.all())."""
    return Activity.objects.published().with_related().recommended_order()


class ActivityListView(FilteredListMixin, FilterView):
    model = Activity
    filterset_class = ActivityFilter
    paginate_by = 20
    paginator_class = ActivityPaginator

    def get_queryset(self):
        # As Django's generic views copy a class's `queryset`: this one depends on the
        # day and the language, and building it costs ~1 ms of every finder request.
        return finder_activities(timezone.localdate(), translation.get_language()).all()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response.search_record = self.search_record(context)
        return response

    def search_record(self, context):
        """What the search statistics count for this page (activities/middleware.py):
        a valid search, on its first page (paging on is not a new search)."""
        page = context["page_obj"]
        counted = search.counted_query(context["search_query"], translation.get_language())
        if not counted or page.number != 1:
            return None
        language = translation.get_language()
        return {"language": language, "query": counted, "found_nothing": not page.paginator.count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            search_query=self.filterset.search_query,
            # Read only when the browse block is not in the fragment cache.
            landing_districts=when_read(District.objects.with_published_programmes),
            landing_topics=when_read(Topic.objects.with_published_activities),
            **kwargs,
        )
        district = self.filterset.chosen_district
        paginator = context["paginator"]
        if district is not None and paginator.count:
            counts = district_counts(district, paginator.counts)
            page_start = context["page_obj"].start_index() - 1
            context.update(counts, citywide_from=max(counts["held_here_count"] - page_start, 0))
        return context

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.district = self.filterset.chosen_district
        paginator.whole_directory = not self.filterset.chosen()
        return paginator


def district_counts(district, counts):
    """From ActivityQuerySet.count_held_in_district's `counts` of activities in the
    district's reach: how many are held in the district itself, and how many are open
    to the whole city: “12 in the district, 19 for the whole city”."""
    return {
        "district": district,
        "activity_count": counts["total"],
        "held_here_count": counts["held_here"],
        "citywide_count": counts["total"] - counts["held_here"],
    }


class ActivityDetailView(MovedOrGoneMixin, StaffPreviewMixin, DetailView):
    model = Activity
    slug_history = ActivitySlugHistory

    def get_queryset(self):
        # The row alone: the rest of the page comes from the fragment cache, or is read
        # when the page is drawn anew (Activity.read_details).
        return super().get_queryset().for_detail_page()

    def get_context_data(self, **kwargs):
        activity = self.object
        programme = activity.programme

        def details():
            return activity.read_details("partners", "programme__locations__district")

        origin = seo.absolute_url(self.request, "/")
        head = cached_value(
            ["activity page head", activity.pk, origin], lambda: self.head(details())
        )
        return super().get_context_data(
            details=when_read(details),
            detail_key=(activity.pk, self.preview),
            photos=when_read(activity.photos.public),
            contacts=when_read(lambda: list(programme.contacts.public())),
            other_activities=when_read(
                lambda: programme.activities.published().exclude(pk=activity.pk)[:6]
            ),
            **head,
            **kwargs,
        )

    def head(self, activity):
        """What the page's head says, from the activity read with its details."""
        where = share_images.where(activity.programme, activity.location)
        share_path = reverse("activities:share_image", kwargs={"slug": activity.slug})
        return {
            "served_area": served_area(activity.programme, activity.location),
            "share_image_url": seo.absolute_url(
                self.request, f"{share_path}?v={share_images.key(activity.title, where)}"
            ),
            "structured_data": seo.json_ld(activity_data.activity(self.request, activity)),
        }


@query_parameters("v")
@require_safe
def activity_share_image(request, slug):
    activity = get_object_or_404(Activity.objects.published().with_related(), slug=slug)
    where = share_images.where(activity.programme, activity.location)
    return share_images.response(request, activity.title, where)


class WeekView(InvalidFiltersMixin, FilterView):
    """/w-tym-tygodniu/: what happens in the coming seven days, day by day, and what
    runs without fixed hours; filtered by the finder's FilterSet."""

    model = Activity
    filterset_class = ActivityFilter
    template_name = "activities/week.html"
    # The finder's filters a week needs; the others still work from a link.
    shown_filters = ("district", "age", "topic")
    # Activities without fixed hours are listed by name only; beyond this many the
    # finder (with the same filters) lists the rest, so the page stays small.
    ask_for_times_limit = 60
    # A whole city's week can hold thousands of sessions: beyond this many activities
    # the page asks for a district or topic instead of growing without end.
    calendar_limit = 150

    def get_queryset(self):
        return Activity.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first_day = timezone.localdate()
        last_day = first_day + timedelta(days=week.DAYS - 1)
        activities = self.object_list
        ask = activities.running_between(first_day, last_day).without_fixed_times()
        ask_for_times = list(ask.with_related().recommended_order()[: self.ask_for_times_limit + 1])
        on_calendar = list(
            activities.on_calendar_between(first_day, last_day)
            .for_calendar()
            .recommended_order()[: self.calendar_limit + 1]
        )
        days = week.schedule(on_calendar[: self.calendar_limit], first_day)
        context.update(
            days=days,
            has_entries=any(day.entries for day in days),
            more_on_calendar=len(on_calendar) > self.calendar_limit,
            ask_for_times=ask_for_times[: self.ask_for_times_limit],
            more_ask_for_times=len(ask_for_times) > self.ask_for_times_limit,
            shown_filters=[self.filterset.form[name] for name in self.shown_filters],
            canonical_url=seo.absolute_url(self.request, self.request.path),
            noindex=bool(self.filterset.chosen()) or bool(self.filterset.errors),
        )
        return context


# Landing pages show exactly the first page of their listing and link to its page 2,
# so they stay the same size whether a district has 5 activities or 5,000.
LANDING_ACTIVITIES = ActivityListView.paginate_by
LANDING_PROGRAMMES = ProgrammeListView.paginate_by


class DistrictLandingView(DetailView):
    """/dzielnice/<slug>/: what residents of one district can join."""

    model = District

    def get_context_data(self, **kwargs):
        district = self.object
        local = District.objects.with_published_programmes().filter(pk=district.pk).exists()
        programmes = Programme.objects.published().in_district(district)
        activities = Activity.objects.published().in_district(district)
        # In the finder's order for this district, so its page 2 continues this list.
        first_page = activities.recommended_order().local_first(district).with_related()
        counts = district_counts(district, activities.order_by().count_held_in_district(district))
        return super().get_context_data(
            programmes=programmes.with_related().with_activity_count()[:LANDING_PROGRAMMES],
            programme_count=programmes.count(),
            activities=first_page.page(0, LANDING_ACTIVITIES),
            **counts,
            citywide_from=counts["held_here_count"],
            has_local_programmes=local,
            # Only citywide programmes: an honest page, but not one to send searchers to.
            noindex=not local,
            **kwargs,
        )


class TopicLandingView(DetailView):
    """/tematy/<slug>/: every activity about one topic, across the programmes."""

    model = Topic

    def get_context_data(self, **kwargs):
        matching = Activity.objects.published().about(self.object)
        activities = matching.with_related().recommended_order().page(0, LANDING_ACTIVITIES)
        return super().get_context_data(
            activities=activities,
            activity_count=matching.count(),
            # The programmes of the activities shown, not of every match: a city of
            # programmes would make the list longer than the page. In the order the
            # activities come (recommended_order), as first appearance keeps it.
            programmes=list(dict.fromkeys(activity.programme for activity in activities)),
            noindex=not activities,
            **kwargs,
        )


def _rate_limited(request):
    """At most CORRECTIONS_PER_HOUR submissions per address per hour, counted in the
    database so that every worker and server shares the count."""
    key = f"corrections:{client_ip(request)}"
    count = RateLimit.objects.hit(key, timedelta(hours=1))
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
                # Failures are logged and retried by the daily command, never a 500.
                mail.notify_about_correction(form.save())
            return redirect(f"{request.path}?wyslano=1")
    status = 400 if form.is_bound else 200
    return render(
        request, "activities/correction_form.html", {**context, "form": form}, status=status
    )


@query_parameters("wyslano")
@never_cache
@require_http_methods(["GET", "POST"])
def programme_correction(request, slug):
    return _correction(request, get_object_or_404(Programme.objects.published(), slug=slug))


@query_parameters("wyslano")
@never_cache
@require_http_methods(["GET", "POST"])
def activity_correction(request, slug):
    activity = get_object_or_404(
        Activity.objects.published().select_related("programme"), slug=slug
    )
    return _correction(request, activity.programme, activity)


# A list longer than this is no longer a shortlist; the limit also keeps a shared
# link's query (and the page-cache key) short.
SHORTLIST_MAX = 30
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def shortlist_slugs(values):
    """The activity slugs of `?id=…&id=…`, duplicates dropped, in order.

    Raises ValueError for anything that cannot be a slug, or a list too long.
    """
    slugs = list(dict.fromkeys(values))
    if len(slugs) > SHORTLIST_MAX or not all(SLUG.fullmatch(slug) for slug in slugs):
        raise ValueError(values)
    return slugs


@query_parameters("id")
@require_safe
def shortlist(request):
    """/moja-lista/: the activities a visitor saved with "Zapisz".

    The list itself lives in the visitor's browser (static/js/shortlist.js); this page
    shows the ids in its address, so a shared link opens the same list anywhere.
    """
    try:
        slugs = shortlist_slugs(request.GET.getlist("id"))
    except ValueError:
        context = {"bad_link": True, "max_activities": SHORTLIST_MAX}
        return render(request, "activities/shortlist.html", context, status=400)
    activities = list(
        Activity.objects.published()
        .with_related()
        .prefetch_related(
            "programme__locations__district",
            Prefetch(
                "programme__contacts",
                queryset=StaffContact.objects.public(),
                to_attr="public_contacts",
            ),
        )
        .listed(slugs)
    )
    return render(
        request,
        "activities/shortlist.html",
        {
            "activities": activities,
            "ids": [activity.slug for activity in activities],
            # Saved activities since unpublished or deleted: said, not silently dropped.
            "missing_count": len(slugs) - len(activities),
            "share_url": seo.absolute_url(
                request, f"{request.path}?{urlencode([('id', a.slug) for a in activities])}"
            )
            if activities
            else "",
            # Every list is a variant of the one page: search engines are sent there.
            "canonical_url": seo.absolute_url(request, request.path),
        },
    )
