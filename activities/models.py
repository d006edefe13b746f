"""Activities (what residents can join), their vocabularies, weekly sessions,
photos, old addresses, residents' corrections, the finder's word index and its
search statistics.

Built on programmes/models.py; derived search columns come from
ActivityQuerySet.refresh_search_index().
"""

import calendar
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Sum, prefetch_related_objects
from django.db.models.functions import Coalesce, StrIndex, Substr
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from programmes import distance, search
from programmes.fragments import DeferredRows, cached_value
from programmes.models import (
    CoordinatedQuerySet,
    District,
    ForParticularGroup,
    Location,
    Photo,
    Programme,
    Publishable,
    Reviewable,
    ReviewQuerySet,
    SearchableQuerySet,
    SlugHistory,
    StemIndex,
    StepFreeAccess,
    as_of,
    in_visitor_language,
    in_visitor_order,
    is_stale,
    long_date,
    notice_has_end_date,
    open_data_id,
    other_languages,
    source_date_suffix,
    source_dates_notice,
    stale_q,
    unconfirmed_source_year,
    visible_q,
)


def district_conditions(district):
    """(held here, city-wide programmes): the condition for activities held in the
    district itself, and the ids of the programmes open to the whole city.

    Held here: at a place in the district, or without a place of their own and run
    by a programme that serves the district (not one open to the whole city).
    The district's places and programmes are read first (two small queries): lists
    of ids on the activity's own columns let SQLite and PostgreSQL combine their
    indexes, where conditions on joined rows or subqueries make them test every
    activity in the city (35-60 ms at 50,000 activities).
    """
    # Kept on the district object: a finder request filters, orders and counts by the
    # same district (one object from the FilterSet). The lists change only with the
    # content, so they are kept like a fragment too (cached_value).
    if not hasattr(district, "_activity_conditions"):
        places, serving, citywide = cached_value(
            ["district places and programmes", district.pk], lambda: district_reach(district)
        )
        held_here = Q(location__in=places) | Q(location__isnull=True, programme__in=serving)
        district._activity_conditions = (held_here, citywide)
    return district._activity_conditions


def district_reach(district):
    """([its places], [programmes serving it], [programmes open to the whole city]): ids."""
    places = list(Location.objects.filter(district=district).values_list("pk", flat=True))
    serving, citywide = [], []
    for pk, is_citywide in Programme.objects.in_district(district).values_list("pk", "citywide"):
        (citywide if is_citywide else serving).append(pk)
    return places, serving, citywide


def published_activity_q(prefix=""):
    """An activity visitors see: it and its programme are both visible today."""
    return visible_q(prefix) & visible_q(f"{prefix}programme__")


def for_particular_group_q(prefix=""):
    """Only for a particular group: the activity's own “only for” line, or its
    programme's (an activity of the foster-family programme is for foster families).

    Reads the Polish columns, which every row has, so the answer does not depend on
    the visitor's language; `__gt=""` leaves out both NULL and empty.
    """
    return Q(**{f"{prefix}only_for_pl__gt": ""}) | Q(**{f"{prefix}programme__only_for_pl__gt": ""})


class VocabularyQuerySet(models.QuerySet):
    """Age groups and topics: the words that activities are filed under."""

    def with_published_activities(self):
        """Those that at least one published activity is filed under."""
        # EXISTS stops at the first match per word; a join with DISTINCT would read
        # every published activity (tens of milliseconds at 50,000 activities).
        filed_here = Activity.objects.filter(
            published_activity_q(), **{self.model.activities.field.name: OuterRef("pk")}
        )
        return self.filter(Exists(filed_here))

    def with_last_change(self):
        """Annotates `last_change`: when a published activity filed under it last changed."""
        return self.annotate(
            last_change=models.Max(
                "activities__updated_at", filter=published_activity_q("activities__")
            )
        ).order_by("order", "name")


class VocabularyManager(models.Manager.from_queryset(VocabularyQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Vocabulary(models.Model):
    """A word activities are filed under (an age group, a topic), as residents say it."""

    uuid = open_data_id()
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("Optional hint shown in the finder."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = VocabularyManager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class AgeGroup(Vocabulary):
    """Who an activity is for, in words residents use: children, youth, parents…"""

    class Meta(Vocabulary.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")


class TopicIcon(models.TextChoices):
    """Inline SVG icons available in templates/includes/icons/."""

    SPORT = "sport", _("sport")
    CRAFTS = "crafts", _("crafts")
    MUSIC = "music", _("music")
    LANGUAGES = "languages", _("languages")
    COMPUTER = "computer", _("computer")
    HEALTH = "health", _("health")
    SPEECH = "speech", _("speech")
    FAMILY = "family", _("family")
    TRIP = "trip", _("trip")
    HOME = "home", _("home")
    PEOPLE = "people", _("people")
    GAMES = "games", _("games")
    BOOK = "book", _("book")
    STAR = "star", _("star")


class Topic(Vocabulary):
    """What an activity is about. Staff may add topics; each needs an icon."""

    icon = models.CharField(_("icon"), max_length=20, choices=TopicIcon, default=TopicIcon.STAR)

    class Meta(Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def get_absolute_url(self):
        return reverse("topic", kwargs={"slug": self.slug})


class LanguageQuerySet(models.QuerySet):
    def with_published_activities(self):
        """Languages at least one published activity is held in (the finder's choices)."""
        held_in = Activity.objects.filter(published_activity_q(), languages=OuterRef("pk"))
        return self.filter(Exists(held_in))


class LanguageManager(models.Manager.from_queryset(LanguageQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Language(models.Model):
    """A language an activity is held in: Polish, Ukrainian, Polish Sign Language…"""

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_(
            "The ISO 639 code used in the address and the open data, e.g. pl, uk, en, rom; "
            "pso for Polish Sign Language (PJM)."
        ),
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("As residents say it, e.g. “ukraiński”.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LanguageManager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    @property
    def is_polish(self):
        return self.code == "pl"


class HowToJoin(models.TextChoices):
    """How a resident starts taking part; empty until the programme has said so."""

    UNKNOWN = "", _("not known")
    JUST_COME = "just_come", _("just come")
    SIGN_UP = "sign_up", _("sign up first")
    REFERRAL = "referral", _("a referral or document is needed")


class Partner(models.Model):
    """An organisation the source presents as cooperating on an activity."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class ActivityKind(models.TextChoices):
    CLASS = "class", _("regular classes")
    WORKSHOP = "workshop", _("workshops")
    COURSE = "course", _("courses")
    CLUB = "club", _("clubs and meetings")
    GROUP = "group", _("groups and ensembles")
    SUPPORT = "support", _("support and consultations")
    PROJECT = "project", _("projects")
    EVENT = "event", _("events")
    TRIP = "trip", _("trips and outings")


class ActivityStatus(models.TextChoices):
    RUNNING = "running", _("running")
    PLANNED = "planned", _("planned")
    SUSPENDED = "suspended", _("temporarily suspended")
    FINISHED = "finished", _("took place")


class Timing(models.TextChoices):
    ONGOING = "ongoing", _("ongoing")
    FROM_DATE = "from_date", _("from a date")
    DATED = "dated", _("on a date")
    SEASON = "season", _("in a season")


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class FinderOrder(models.TextChoices):
    """The orders a visitor can choose in the finder (`?sort=`); none chosen is the
    recommended order (ActivityQuerySet.recommended_order)."""

    ALPHABETICAL = "a-z", _("A–Z")
    SOONEST = "wkrotce", _("Soonest first")


class ActivityQuerySet(SearchableQuerySet, CoordinatedQuerySet, ReviewQuerySet):
    def verified_on(self):
        # An activity without its own date follows its programme's (Activity.verified_on).
        return Coalesce("last_verified", "programme__last_verified")

    def in_review(self):
        return self.filter(published=True, programme__published=True)

    def published(self):
        return self.filter(published_activity_q())

    def stale(self):
        """Not checked for six months: its own date, or its programme's when it has none."""
        return self.filter(
            Q(last_verified__isnull=False) & stale_q()
            | Q(last_verified__isnull=True) & stale_q("programme__")
        )

    def in_district(self, district):
        """Activities at a location in the district, or of a programme serving it."""
        held_here, citywide = district_conditions(district)
        return self.filter(held_here | Q(programme__in=citywide))

    def held_in_district(self, district):
        """Those held in the district itself, without the city-wide ones (in_district)."""
        held_here, _citywide = district_conditions(district)
        return self.filter(held_here)

    def count_held_in_district(self, district):
        """{"total": all of these, "held_here": those held in the district itself}, in
        one query."""
        held_here, _citywide = district_conditions(district)
        return self.aggregate(
            total=models.Count("pk"), held_here=models.Count("pk", filter=held_here)
        )

    def local_first(self, district):
        """Those held in the district itself before those open to the whole city, each
        group in the order already set. How many are held there (count_held_in_district)
        tells a page where the city-wide ones begin."""
        held_here, _citywide = district_conditions(district)
        return self.alias(
            in_chosen_district=models.Case(
                models.When(held_here, then=0), default=1, output_field=models.IntegerField()
            )
        ).order_by("in_chosen_district", *self.current_order())

    def current_order(self):
        """The order set so far, or the model's default."""
        return self.query.order_by or self.model._meta.ordering

    def open_to_everyone_first(self):
        """Those open to everyone before those only for a particular group (the
        activity's or its programme's `only_for`), each group in the order already set."""
        return self.order_by("for_a_particular_group", *self.current_order())

    def alphabetical(self):
        """By title as the visitor reads it (the programme only breaks ties)."""
        if (get_language() or "pl") == "pl":
            # The Polish title key is the tail of sort_key (make_sort_key): after the
            # programme's name, the separator, its id (10 digits) and the order (5).
            tail = StrIndex("sort_key", models.Value(search.SORT_SEPARATOR))
            title_key = Substr("sort_key", tail + len(search.SORT_SEPARATOR) + 15)
            return self.order_by(title_key, "sort_key", "pk")
        return self.order_by(
            in_visitor_language("title"), in_visitor_language("programme__name"), "pk"
        )

    def soonest_first(self, today=None):
        """Dated events and planned starts first, by the day they begin (one under way
        counts as today), then those with weekly sessions, then the rest; each group in
        directory order."""
        today = today or timezone.localdate()
        next_day = models.Case(
            models.When(starts_on__gte=today, then=models.F("starts_on")),
            models.When(starts_on__isnull=False, ends_on__gte=today, then=models.Value(today)),
            default=None,
            output_field=models.DateField(),
        )
        weekly = Exists(WeeklySession.objects.filter(activity=OuterRef("pk")))
        without_weekly_sessions = models.Case(
            models.When(weekly, then=0), default=1, output_field=models.IntegerField()
        )
        return self.alias(
            next_day=next_day, without_weekly_sessions=without_weekly_sessions
        ).order_by(
            models.F("next_day").asc(nulls_last=True),
            "without_weekly_sessions",
            *self.in_directory_order().current_order(),
        )

    def for_age_group(self, age_group):
        return self.filter(age_groups=age_group)

    def about(self, topic):
        return self.filter(topics=topic)

    def on_weekday(self, weekday):
        # A subquery, not a join: several sessions on one day would repeat the activity.
        return self.filter(pk__in=WeeklySession.objects.filter(weekday=weekday).values("activity"))

    def held_in(self, language):
        return self.filter(languages=language)

    def step_free(self):
        """At a place staff marked step-free (not "partly", not unknown)."""
        return self.filter(location__step_free=StepFreeAccess.YES)

    def for_particular_group(self):
        return self.filter(for_particular_group_q())

    def open_to_everyone(self):
        return self.exclude(for_particular_group_q())

    def with_fixed_times(self):
        """Activities a calendar can hold: weekly sessions, or a date (see has_fixed_times)."""
        sessions = WeeklySession.objects.filter(activity=OuterRef("pk"))
        return self.filter(Exists(sessions) | Q(timing=Timing.DATED, starts_on__isnull=False))

    def without_fixed_times(self):
        """Those a calendar cannot hold: no weekly session and no date ("ask for times")."""
        sessions = WeeklySession.objects.filter(activity=OuterRef("pk"))
        return self.exclude(Exists(sessions)).exclude(timing=Timing.DATED, starts_on__isnull=False)

    def running_between(self, first, last):
        """Those that may take place between the two days: not suspended or over, not
        planned without a start, not ended before `first` nor starting after `last`."""
        return (
            self.exclude(status__in=[ActivityStatus.SUSPENDED, ActivityStatus.FINISHED])
            .exclude(status=ActivityStatus.PLANNED, starts_on__isnull=True)
            .exclude(ends_on__lt=first)
            .exclude(starts_on__gt=last)
        )

    def on_calendar_between(self, first, last):
        """Those with a weekly session valid, or a date, between the two days (inclusive);
        which days exactly is activities/week.py's job."""
        sessions = (
            WeeklySession.objects.filter(activity=OuterRef("pk"))
            .exclude(valid_from__gt=last)
            .exclude(valid_until__lt=first)
        )
        dated = Q(timing=Timing.DATED, starts_on__lte=last) & (
            Q(ends_on__gte=first) | Q(ends_on__isnull=True, starts_on__gte=first)
        )
        return self.running_between(first, last).filter(Exists(sessions) | dated)

    def search(self, query):
        """Every word of the query must match (SearchableQuerySet); title matches first."""
        query = search.Query.of(query)
        if not query:
            return self
        return self.matching(query, rank_titles=True).order_by(
            "-search_rank", in_visitor_order("title", "sort_key"), "pk"
        )

    def by_kind(self):
        """In the order of ActivityKind, so pages can group activities by kind."""
        kind_order = models.Case(
            *(models.When(kind=kind, then=index) for index, kind in enumerate(ActivityKind)),
            default=len(ActivityKind),
        )
        return self.order_by(kind_order, in_visitor_order("title", "sort_key"), "pk")

    def recommended_order(self):
        """The finder's order when the visitor chose none (README, "Order of results"):
        open to everyone before only for a particular group, then directory order."""
        return self.in_directory_order().open_to_everyone_first()

    def in_directory_order(self):
        """By programme, then the staff's order, then title, as the visitor reads them."""
        if (get_language() or "pl") == "pl":
            return self.order_by("sort_key", "pk")
        return self.order_by(
            in_visitor_language("programme__name"), "order", in_visitor_language("title"), "pk"
        )

    def listed(self, slugs):
        """The activities of these slugs, in the order given (a visitor's list, "Moja
        lista"), each once; an old slug of a renamed activity finds it (ActivitySlugHistory).

        Slugs rather than primary keys or uuids: they are what every page address
        already shows, and they survive staff re-importing the directory.
        """
        moved = dict(
            ActivitySlugHistory.objects.filter(slug__in=slugs, activity__isnull=False).values_list(
                "slug", "activity"
            )
        )
        rows = list(self.filter(Q(slug__in=slugs) | Q(pk__in=moved.values())))
        by_slug = {row.slug: row for row in rows}
        by_pk = {row.pk: row for row in rows}
        found = (by_slug.get(slug) or by_pk.get(moved.get(slug)) for slug in slugs)
        return list(dict.fromkeys(row for row in found if row))

    def with_distance_from(self, point):
        """Annotates `distance_km`: from `point` (programmes.distance.Point) to the
        activity's own place, None where it has none or the place has no coordinates.

        Only the activity's own place: the programme's seat is not where an activity
        without a place is held, so it is not used as a guess.
        """
        return self.annotate(
            distance_km=distance.distance_km(point, "location__latitude", "location__longitude")
        )

    def nearest_first(self, point):
        """The nearest to `point` first; those at an unknown distance after all the others,
        each group in the directory's order (so the order is stable across pages)."""
        tie_breakers = self.in_directory_order().query.order_by
        return self.with_distance_from(point).order_by(
            F("distance_km").asc(nulls_last=True), *tie_breakers
        )

    def refresh_search_index(self):
        """Rebuild the derived columns and word index of these activities.

        Search title and text (stems of the activity's texts and its programme's
        name), the sort key (programme, order, title in Polish order), whether it is
        only for a particular group (its or its programme's `only_for`) and the
        SearchStem rows. Called by activities/signals.py when a save wrote a field
        they read (or changed the programme's name or `only_for`), and by bulk loaders
        in batches.
        """
        for batch in search.in_batches(self.order_by().select_related("programme")):
            for activity in batch:
                texts = search.translations(activity, *Activity.search_index_reads)
                for language, names in search.translations(activity.programme, "name").items():
                    texts[language] += names
                activity.search_title = search.document(**search.translations(activity, "title"))
                activity.search_text = search.document(**texts)
                activity.sort_key = Activity.make_sort_key(
                    activity.programme, activity.order, activity.title_pl or activity.title
                )
                activity.for_a_particular_group = bool(
                    activity.only_for_pl or activity.programme.only_for_pl
                )
            Activity.objects.bulk_update(
                batch, ["search_title", "search_text", "sort_key", "for_a_particular_group"]
            )
            SearchStem.objects.rebuild_for(batch)

    def page(self, start, size):
        """Activities start..start+size of this queryset, read in two steps.

        A search or a set of filters can match thousands of activities; the database
        sorts their ids (with the few columns the order needs) and reads whole rows,
        texts in three languages, for one page only. Sorting the whole rows made most
        of such a page's time at 50,000 activities.
        """
        ids = list(self.values_list("pk", flat=True)[start : start + size])
        rows = self.in_bulk(ids)
        # An activity unpublished between the two queries is left out.
        return [rows[pk] for pk in ids if pk in rows]

    def page_of_cards(self, start, size):
        """As page(), but rows are read only when a card is not in the fragment cache.

        For pages that show each activity only through
        `{% cached_include "activities/_activity_card.html" activity=… %}`: when every
        card of the page is cached, the whole rows (and their prefetched lists) are not
        read at all; on the first card drawn anew, the page's rows are read as page()
        reads them (programmes/fragments.py, DeferredRows).
        """
        ids = list(self.values_list("pk", flat=True)[start : start + size])
        return self.cards(ids)

    def cards(self, ids):
        """The activities of `ids`, in that order, read as page_of_cards() reads them."""
        return DeferredRows(self, ids).rows

    def page_ids_with_counts(self, start, size, district=None):
        """(ids of activities start..start+size, counts) in one query; ([], None) when
        the page is past the end of a list that has rows, ([], zero counts) when
        nothing matches at all (start 0: a search that finds nothing is common, and
        needs no second query to count it).

        counts: {"total": how many match, "held_here": how many of them are held in
        `district` itself (count_held_in_district), None without one}. A filtered or
        searched list is sorted whole before it is cut to a page, and the database
        counts its rows while it does (a window over the whole result), instead of
        reading every match a second time for the count (10 ms a query at 50,000).
        """
        windows = {"found": models.Window(models.Count("pk"))}
        if district is not None:
            held_here, _citywide = district_conditions(district)
            windows["held_here"] = models.Window(models.Count("pk", filter=held_here))
        rows = list(self.annotate(**windows).values_list("pk", *windows)[start : start + size])
        if not rows:
            if start == 0:
                return [], {"total": 0, "held_here": 0 if district is not None else None}
            return [], None
        first = rows[0]
        counts = {"total": first[1], "held_here": first[2] if district is not None else None}
        return [row[0] for row in rows], counts

    def for_calendar(self):
        """What a line of the week's calendar shows: title, place, programme, sessions."""
        return self.select_related("programme", "location__district").prefetch_related(
            Prefetch("sessions", to_attr="session_list"), "programme__districts"
        )

    def for_detail_page(self):
        """The row of an activity's page with its programme, place and district, in the
        visitor's language and Polish only.

        Its page keeps the row in the fragment cache (StaffPreviewMixin.get_object), one
        per language: without the other languages' columns and the search columns of
        the four models it takes 6 kB there in Polish, 9 in Ukrainian, instead of 15.
        (Not for speed: the query is no faster, defer() costs what the columns saved.)
        Everything else on the page is read when it is drawn anew (read_details).
        """
        return self.select_related("programme", "location__district").defer(
            *other_languages(Activity),
            *other_languages(Programme, "programme__"),
            *other_languages(Location, "location__"),
            *other_languages(District, "location__district__"),
            # The search columns (programmes/search.py): read only by queries.
            "search_title",
            "search_text",
            "sort_key",
            "programme__search_text",
            "programme__sort_name",
        )

    def with_related(self):
        """What a card or page shows, in six queries, whatever the number of activities.

        Age groups, topics and sessions are kept as plain lists (`age_group_list`,
        `topic_list`, `session_list`): a prefetch into the related managers builds a
        manager and a queryset per activity and relation, and again when a template
        reads them (reading twenty cards at 50,000 activities: 24 ms, 15 ms as lists).
        """
        return self.select_related("programme", "location__district").prefetch_related(
            *related_lists()
        )


def related_lists():
    """The prefetches of ActivityQuerySet.with_related(), for a queryset or one row."""
    return [
        Prefetch("age_groups", to_attr="age_group_list"),
        Prefetch("topics", to_attr="topic_list"),
        Prefetch("sessions", to_attr="session_list"),
        Prefetch("languages", to_attr="prefetched_language_list"),
        "programme__districts",
    ]


class Activity(Reviewable, ForParticularGroup, Publishable):
    """Something residents can take part in: a class, a workshop, a trip, a project…"""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("programme"),
    )
    location = models.ForeignKey(
        "programmes.Location",
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("location"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the place is not known or changes (trips)."),
    )
    uuid = open_data_id()
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The address of the page.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ActivityKind, default=ActivityKind.CLASS
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One sentence shown on cards.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Plain text; blank lines start paragraphs.")
    )
    age_groups = models.ManyToManyField(
        AgeGroup,
        related_name="activities",
        blank=True,
        verbose_name=_("age groups"),
        help_text=_("Only the groups the programme names. Leave empty when not stated."),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    audience_note = models.CharField(
        _("who it is for"),
        max_length=300,
        blank=True,
        help_text=_("In words, e.g. “for women” or “for families with children”."),
    )
    topics = models.ManyToManyField(
        Topic, related_name="activities", blank=True, verbose_name=_("topics")
    )
    eligibility = models.TextField(
        _("who can take part"),
        blank=True,
        help_text=_("Conditions to take part, e.g. a certificate or place of residence."),
    )
    how_to_join = models.CharField(
        _("how to join"),
        max_length=20,
        choices=HowToJoin,
        blank=True,
        default=HowToJoin.UNKNOWN,
        help_text=_(
            "Only what the programme confirmed. “Not known”: the page says "
            "“Zapytaj w programie, jak się zapisać”."
        ),
    )
    how_to_join_note = models.CharField(
        _("how to sign up, in words"),
        max_length=300,
        blank=True,
        help_text=_(
            "With whom and how to sign up, or which referral or document is needed, "
            "e.g. “Zapisy u koordynatorki PAL, osobiście lub telefonicznie”."
        ),
    )
    what_to_bring = models.CharField(
        _("what to bring"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Strój sportowy i zmienne obuwie”. Leave empty when not stated."),
    )
    languages = models.ManyToManyField(
        Language,
        related_name="activities",
        blank=True,
        verbose_name=_("languages of the activity"),
        help_text=_(
            "The languages the activity is held in. Leave empty when not known: "
            "the page then says so (it is not assumed to be Polish)."
        ),
    )
    free_of_charge = models.BooleanField(
        _("free of charge"), default=True, help_text=_("Every PAL activity is free.")
    )
    cost_note = models.CharField(
        _("cost note"),
        max_length=200,
        blank=True,
        help_text=_("Anything to know about costs, e.g. a ticket paid by the participant."),
    )
    partners = models.ManyToManyField(
        Partner,
        related_name="activities",
        blank=True,
        verbose_name=_("partners"),
        help_text=_("Only organisations that really cooperate on this activity."),
    )
    timing = models.CharField(
        _("timing"),
        max_length=20,
        choices=Timing,
        default=Timing.ONGOING,
        help_text=_("Ongoing, from a date, on a date, or in a season."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    timing_note = models.CharField(
        _("when, in words"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “from September 2023” or “summer and winter holidays”."),
    )
    edition = models.PositiveSmallIntegerField(
        _("edition"),
        null=True,
        blank=True,
        help_text=_("For recurring projects and events, e.g. 14 for the 14th edition."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus, default=ActivityStatus.RUNNING
    )
    last_verified = models.DateField(
        _("information last checked"),
        null=True,
        blank=True,
        help_text=_("Empty: the programme's date applies."),
    )
    source_note = models.TextField(
        _("note on the source (staff only)"),
        blank=True,
        help_text=_(
            "Never shown on the site. What the source does not say outright and was "
            "inferred here, so that MOPS can confirm or correct it."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Derived by ActivityQuerySet.refresh_search_index(): stems of the title, and of all.
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    # Programme name, programme, order and title in Polish order (programmes/search.py):
    # one indexed column, so the finder reads its page in order instead of sorting all.
    sort_key = models.CharField(max_length=900, editable=False, default="", db_index=True)
    # Its own or its programme's `only_for` is filled in (for_particular_group_q), also
    # derived by refresh_search_index(): the finder's recommended order puts these last,
    # and reads the order from an index instead of computing it for every activity.
    for_a_particular_group = models.BooleanField(editable=False, default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    # The fields the search index is built from (refresh_search_index); the sort key
    # also reads `order`, and both read the programme's name.
    search_index_reads = ("title", "summary", "description", "audience_note")

    class Meta(Publishable.Meta):
        ordering = ["sort_key", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            # Counting published activities (a programme's, or all of them in the
            # finder) reads this index alone, programme by programme.
            models.Index(
                fields=["programme", "published", "visible_from", "visible_until"],
                name="activity_programme_visible",
            ),
            # A district's activities without a place of their own are found by
            # their programme (in_district).
            models.Index(fields=["programme", "location"], name="activity_programme_location"),
            # The finder's recommended order (open_to_everyone_first, in_directory_order).
            models.Index(
                fields=["for_a_particular_group", "sort_key"], name="activity_recommended_order"
            ),
            # The open data's Last-Modified (the latest published change, read from
            # the newest end) and its modified_after filter.
            models.Index(fields=["updated_at"], name="activity_updated_at"),
            # A search or a filter finds activities by id; this lets the database
            # check that each is visible, in the district asked for, and sort it,
            # without reading its whole row.
            models.Index(
                fields=[
                    "id",
                    "published",
                    "visible_from",
                    "visible_until",
                    "programme",
                    "location",
                    "for_a_particular_group",
                    "sort_key",
                ],
                name="activity_visible_by_id",
            ),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            notice_has_end_date(),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=models.F("max_age")),
                name="activity_min_age_not_above_max_age",
                violation_error_message=_("The minimum age cannot be above the maximum age."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(free_of_charge=True) | ~Q(cost_note=""),
                name="activity_paid_needs_cost_note",
                violation_error_message=_("Explain the cost when an activity is not free."),
            ),
        ]

    def __str__(self):
        return self.title

    def read_details(self, *lookups):
        """This row with what with_related() reads, plus `lookups`, read once; returns self.

        For a page that draws the activity only when its block is not in the fragment
        cache (ActivityDetailView): the row is read alone first, the rest on demand.
        """
        if not getattr(self, "_details_read", False):
            prefetch_related_objects([self], *related_lists(), *lookups)
            self._details_read = True
        return self

    def get_absolute_url(self):
        return reverse("activities:detail", kwargs={"slug": self.slug})

    @staticmethod
    def make_sort_key(programme, order, title):
        return (
            f"{search.sort_key(programme.name_pl or programme.name)}{search.SORT_SEPARATOR}"
            f"{programme.pk:010d}{order:05d}{search.sort_key(title)}"
        )

    @property
    def age_range(self):
        """(min, max) when either is known, else None."""
        if self.min_age is None and self.max_age is None:
            return None
        return (self.min_age, self.max_age)

    @property
    def age_range_text(self):
        """ "ages 3–6", "from age 3", "up to age 6", or "" when no age is given."""
        if self.min_age is not None and self.max_age is not None:
            return _("ages %(min)s–%(max)s") % {"min": self.min_age, "max": self.max_age}
        if self.min_age is not None:
            return _("from age %(min)s") % {"min": self.min_age}
        if self.max_age is not None:
            return _("up to age %(max)s") % {"max": self.max_age}
        return ""

    @property
    def shows_status(self):
        """Its status is worth a badge: anything but the usual "running"."""
        return self.current_status != ActivityStatus.RUNNING

    @property
    def verified_on(self):
        return self.last_verified or self.programme.last_verified

    @property
    def distance_text(self):
        """ "ok. 1,2 km" or "odległość nieznana", when read with_distance_from()."""
        return distance.distance_text(getattr(self, "distance_km", None))

    @property
    def only_for_text(self):
        """Who only may take part: its own line, else its programme's, else ""."""
        return self.only_for or self.programme.only_for

    @property
    def notices(self):
        """Current temporary notices: its own, then its programme's."""
        return [n for n in (self.current_notice, self.programme.current_notice) if n]

    @property
    def language_list(self):
        """Its languages; uses the prefetched list (with_related) when there is one."""
        languages = getattr(self, "prefetched_language_list", None)
        if languages is None:
            languages = list(self.languages.all())
        return languages

    @property
    def non_polish_languages(self):
        """Languages worth a mention on a card: all of them unless it is only Polish."""
        languages = self.language_list
        if all(language.is_polish for language in languages):
            return []
        return languages

    @property
    def joining_known(self):
        return bool(self.how_to_join)

    @property
    def has_fixed_times(self):
        """Weekly sessions or a date: what a calendar can hold (with_fixed_times)."""
        sessions = getattr(self, "session_list", None)
        if sessions is None:
            sessions = self.sessions.all()
        return bool(sessions) or (self.timing == Timing.DATED and self.starts_on is not None)

    @property
    def is_stale(self):
        return is_stale(self.verified_on)

    @property
    def has_ended(self):
        """Its end date has passed: computed on the day of the request, never stored."""
        return self.ends_on is not None and self.ends_on < timezone.localdate()

    @property
    def current_status(self):
        """The status as of today: a running activity past its end date is no longer running."""
        if self.status == ActivityStatus.RUNNING and self.has_ended:
            return ActivityStatus.FINISHED
        return self.status

    @property
    def unconfirmed_source_year(self):
        return unconfirmed_source_year(self.verified_on, self.programme.source_year)

    @property
    def status_text(self):
        """The status as the page shows it, e.g. “planned (as of 2023)”."""
        if self.current_status != self.status:
            return gettext("ended on %(date)s") % {"date": long_date(self.ends_on)}
        return as_of(self.get_status_display(), self.unconfirmed_source_year)

    @property
    def source_date_suffix(self):
        """“(according to the source from 2023)” after the dates an unconfirmed source gave."""
        if not (self.timing_note or self.ends_on):
            return ""
        return source_date_suffix(self.unconfirmed_source_year)

    @property
    def source_dates_notice(self):
        return source_dates_notice(self.unconfirmed_source_year)

    def is_editable_by(self, user):
        return self.programme.is_editable_by(user)


class ActivitySlugHistory(SlugHistory):
    target_field = "activity"

    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        related_name="old_slugs",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        help_text=_("Empty when the activity was deleted: the address then answers “gone”."),
    )

    class Meta(SlugHistory.Meta):
        verbose_name = _("old activity address")
        verbose_name_plural = _("old activity addresses")


class WeeklySession(models.Model):
    """A regular weekly slot, e.g. Tuesdays 17:00–18:30, valid for a period."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("activity")
    )
    uuid = open_data_id()
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["weekday", "starts_at"]
        verbose_name = _("weekly session")
        verbose_name_plural = _("weekly sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="session_valid_period",
                violation_error_message=_("“Valid until” cannot be before “valid from”."),
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def takes_place_on(self, day):
        """Whether the session is held on `day`: its weekday, within its valid period."""
        return (
            day.isoweekday() == self.weekday
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_until is None or day <= self.valid_until)
        )


class ActivityPhoto(Photo):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="photos", verbose_name=_("activity")
    )

    class Meta(Photo.Meta):
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")


def review_items(programmes, activities, today):
    """Programmes and activities due for a check (querysets annotated by
    `due_for_review`) as one list, the most overdue first, for the "Do sprawdzenia"
    page and the reminders: what, its programme, admin address, due date."""
    items = [
        {
            "obj": obj,
            "field": field,
            "programme": obj if field == "programme" else obj.programme,
            "admin_path": reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
            ),
            "due": obj.review_due,
            "days_overdue": (today - obj.review_due).days,
            "reminder_key": f"{field}:{obj.pk}:{obj.review_due.isoformat()}",
        }
        for field, objects in (("programme", programmes), ("activity", activities))
        for obj in objects
    ]
    # A programme before its own activities due the same day.
    items.sort(key=lambda item: (item["due"], item["field"] != "programme", item["obj"].pk))
    return items


class SentReminder(models.Model):
    """A reminder e-mail that went out, so the daily command never sends it twice.

    `key` names what it was about: "programme:12:2026-06-01" (an item and the due
    date it was reminded of) or "summary:2026-W23" (central editors' weekly summary).
    Only a message the mail server accepted is recorded; a failed one is tried again
    at the next run.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sentreminder_received",
        verbose_name=_("recipient"),
    )
    key = models.CharField(_("about"), max_length=100)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="sentreminder_once")
        ]

    def __str__(self):
        return self.key


class CorrectionStatus(models.TextChoices):
    NEW = "new", _("new")
    FIXED = "fixed", _("fixed")
    REJECTED = "rejected", _("rejected")


class CorrectionKind(models.TextChoices):
    """What kind of problem a resident reports, so staff see at a glance what to do."""

    OUT_OF_DATE = "out_of_date", _("Out of date")
    CLOSED = "closed", _("Closed or cancelled")
    PLACE_OR_TIME = "place_or_time", _("Wrong place or time")
    OTHER = "other", _("Something else")


class CorrectionQuerySet(CoordinatedQuerySet):
    def new(self):
        return self.filter(status=CorrectionStatus.NEW)

    def not_notified(self):
        """Reports whose e-mail to staff has not gone out yet (the mail server failed)."""
        return self.filter(notified_at__isnull=True)


class Correction(models.Model):
    """A resident's "Zgłoś błąd": what is wrong on a programme or activity page."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("programme"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        related_name="corrections",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        help_text=_("Empty when the report is about the programme page."),
    )
    kind = models.CharField(
        _("kind of problem"),
        max_length=20,
        choices=CorrectionKind,
        default=CorrectionKind.OTHER,
        help_text=_("Chosen by the resident."),
    )
    message = models.TextField(_("what is wrong"), max_length=2000)
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("Optional e-mail or phone left by the resident; use it only to reply."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CorrectionStatus,
        default=CorrectionStatus.NEW,
        help_text=_("Mark “fixed” once the page is corrected, or “rejected”."),
    )
    staff_note = models.TextField(
        _("staff note"), blank=True, help_text=_("For staff only: what was done.")
    )
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("fixed by"),
        null=True,
        blank=True,
    )
    fixed_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    # When the report was e-mailed to its programme's coordinators (activities/mail.py);
    # empty while the mail server has not accepted it, so the daily command retries.
    notified_at = models.DateTimeField(_("staff notified"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("correction from a resident")
        verbose_name_plural = _("corrections from residents")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.activity or self.programme}: {self.message[:60]}"

    def get_absolute_url(self):
        return (self.activity or self.programme).get_absolute_url()

    def set_status(self, status, user):
        """Change the status; "fixed" records who marked it and when."""
        self.status = status
        fixed = status == CorrectionStatus.FIXED
        self.fixed_by = user if fixed else None
        self.fixed_at = timezone.now() if fixed else None


def months_before(day, months):
    """The same day `months` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


class SearchCountQuerySet(models.QuerySet):
    def record(self, language, query, found_nothing, searches=1, day=None):
        """Add `searches` searches (of which `found_nothing` found nothing, a number or
        a bool for one search) to the row of that day, language and query.

        One INSERT … ON CONFLICT DO UPDATE (SQLite 3.24+, PostgreSQL 9.5+): a single
        statement whatever the day, so concurrent workers never lose a count.
        """
        table = connection.ops.quote_name(self.model._meta.db_table)
        day = day or timezone.localdate()
        empty = int(found_nothing)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (day, language, query, searches, found_nothing) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (day, language, query) DO UPDATE "
                f"SET searches = {table}.searches + %s, "
                f"found_nothing = {table}.found_nothing + %s",
                [day, language, query, searches, empty, searches, empty],
            )

    def since(self, day):
        return self.filter(day__gte=day)

    def expired(self, today=None):
        """Rows older than 13 months, which the daily command deletes."""
        today = today or timezone.localdate()
        return self.filter(day__lt=months_before(today, SEARCH_STATISTICS_MONTHS))

    def top(self, limit, found_nothing=False):
        """The most frequent searches (or those most often without results), summed
        over the days of this queryset, per search and language."""
        totals = (
            self.values("query", "language")
            .annotate(total=Sum("searches"), empty=Sum("found_nothing"))
            .order_by()
        )
        if found_nothing:
            return totals.filter(empty__gt=0).order_by("-empty", "-total", "query")[:limit]
        return totals.order_by("-total", "-empty", "query")[:limit]


# Search statistics are kept this long, then deleted (README, "Search statistics").
SEARCH_STATISTICS_MONTHS = 13


class SearchCount(models.Model):
    """How often the finder was searched for something, per day and language.

    Only aggregate counts of normalised words (programmes/search.py: counted_query):
    no address, cookie, user or raw query, nothing that could be a phone, PESEL or
    e-mail address. Deleted after 13 months by `send_review_reminders`.
    """

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=8)
    query = models.CharField(_("search (word stems)"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    found_nothing = models.PositiveIntegerField(_("found nothing"), default=0)

    objects = SearchCountQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-searches"]
        verbose_name = _("search count")
        verbose_name_plural = _("What residents search for")
        constraints = [
            models.UniqueConstraint(fields=["day", "language", "query"], name="searchcount_once"),
        ]

    def __str__(self):
        return f"{self.day} {self.language} {self.query}"

    def finder_url(self):
        return finder_search_url(self.query, self.language)


def finder_search_url(query, language):
    """The finder, in `language`, searching for `query`."""
    with translation.override(language):
        return f"{reverse('activities:list')}?{urlencode({'q': query})}"


class SearchStem(StemIndex):
    """One stem of an activity's search text: the finder's word index (StemIndex)."""

    owner_field = "activity"

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="search_stems", verbose_name=_("activity")
    )

    class Meta:
        verbose_name = _("search stem")
        verbose_name_plural = _("search stems")
        # With in_title, ranking title matches first reads the index alone.
        indexes = [
            models.Index(fields=["stem", "activity", "in_title"], name="searchstem_lookup"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["activity", "stem"], name="searchstem_unique")
        ]


class DirectoryImport(models.Model):
    """A spreadsheet import that saved something, and what undoing it takes.

    Its revision (django-reversion) is the import's one history entry: it holds every
    object the import changed, as it was before. Undoing reverts those and deletes
    the objects listed in `created_objects` (activities/importer.py: undo_import).
    """

    revision = models.OneToOneField(
        "reversion.Revision",
        on_delete=models.CASCADE,
        related_name="directory_import",
        verbose_name=_("history entry"),
    )
    file_name = models.CharField(_("file"), max_length=255)
    # {"activities.activity": [pk, …], "programmes.location": […], "programmes.programme": […]}
    created_objects = models.JSONField(_("created"), default=dict, editable=False)
    created_count = models.PositiveIntegerField(_("activities created"), default=0)
    changed_count = models.PositiveIntegerField(_("activities changed"), default=0)
    unchanged_count = models.PositiveIntegerField(_("activities unchanged"), default=0)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self):
        return f"{self.file_name} ({self.revision.date_created:%Y-%m-%d %H:%M})"
