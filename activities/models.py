from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from programmes import search
from programmes.models import (
    Location,
    Photo,
    Programme,
    Publishable,
    SlugHistory,
    as_of,
    in_visitor_language,
    in_visitor_order,
    is_editor,
    is_stale,
    long_date,
    source_date_suffix,
    source_dates_notice,
    stale_q,
    stored_slug,
    unconfirmed_source_year,
    visible_q,
)


def published_activity_q(prefix=""):
    """An activity visitors see: it and its programme are both visible today."""
    return visible_q(prefix) & visible_q(f"{prefix}programme__")


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


class AgeGroup(models.Model):
    """Who an activity is for, in words residents use: children, youth, parents…"""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("Optional hint shown in the finder, e.g. the usual ages."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = VocabularyManager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


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


class Topic(models.Model):
    """What an activity is about. Staff may add topics; each needs an icon."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    icon = models.CharField(_("icon"), max_length=20, choices=TopicIcon, default=TopicIcon.STAR)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = VocabularyManager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


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


class ActivityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_activity_q())

    def editable_by(self, user):
        """Every activity for central editors; their programmes' for coordinators."""
        if is_editor(user):
            return self
        return self.filter(programme__coordinators=user.pk)

    def stale(self):
        """Not checked for six months: its own date, or its programme's when it has none."""
        return self.filter(
            Q(last_verified__isnull=False) & stale_q()
            | Q(last_verified__isnull=True) & stale_q("programme__")
        )

    def in_district(self, district):
        """Activities at a location in the district, or of a programme serving it."""
        # The district's places and programmes are read first (two small queries):
        # lists of ids on the activity's own columns let SQLite and PostgreSQL
        # combine their indexes, where conditions on joined rows or subqueries make
        # them test every activity in the city (35-60 ms at 50,000 activities).
        places = Location.objects.filter(district=district).values_list("pk", flat=True)
        programmes = Programme.objects.in_district(district).values_list("pk", "citywide")
        serving, citywide = [], []
        for pk, is_citywide in programmes:
            (citywide if is_citywide else serving).append(pk)
        return self.filter(
            Q(location__in=list(places))
            | Q(location__isnull=True, programme__in=serving)
            | Q(programme__in=citywide)
        )

    def for_age_group(self, age_group):
        return self.filter(age_groups=age_group)

    def about(self, topic):
        return self.filter(topics=topic)

    def on_weekday(self, weekday):
        # A subquery, not a join: several sessions on one day would repeat the activity.
        return self.filter(pk__in=WeeklySession.objects.filter(weekday=weekday).values("activity"))

    def search(self, query):
        """Every word of the query must match; title matches rank first.

        Words are looked up in SearchStem's index rather than by scanning every
        activity's text, so a search costs the same with 50 or 50,000 activities.
        """
        terms = search.query_terms(query)
        if not terms:
            return self
        matches = self
        title_hits = []
        for alternatives in terms:
            stems = SearchStem.objects.starting_with_any(alternatives)
            matches = matches.filter(pk__in=stems.values("activity"))
            title_hits.append(
                models.Case(
                    models.When(
                        models.Exists(stems.filter(activity=models.OuterRef("pk"), in_title=True)),
                        then=1,
                    ),
                    default=0,
                    output_field=models.IntegerField(),
                )
            )
        return matches.annotate(search_rank=sum(title_hits[1:], title_hits[0])).order_by(
            "-search_rank", in_visitor_order("title", "sort_key"), "pk"
        )

    def by_kind(self):
        """In the order of ActivityKind, so pages can group activities by kind."""
        kind_order = models.Case(
            *(models.When(kind=kind, then=index) for index, kind in enumerate(ActivityKind)),
            default=len(ActivityKind),
        )
        return self.order_by(kind_order, in_visitor_order("title", "sort_key"), "pk")

    def in_directory_order(self):
        """By programme, then the staff's order, then title, as the visitor reads them."""
        if (get_language() or "pl") == "pl":
            return self.order_by("sort_key", "pk")
        return self.order_by(
            in_visitor_language("programme__name"), "order", in_visitor_language("title"), "pk"
        )

    def refresh_search_text(self):
        """Rebuild the search form of each activity (after loaddata or a rename)."""
        for activity in self.select_related("programme").iterator(chunk_size=500):
            activity.save(update_fields=["search_title", "search_text", "sort_key"])

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

    def with_related(self):
        """What a card or page shows, in five queries, whatever the number of activities.

        Age groups, topics and sessions are kept as plain lists (`age_group_list`,
        `topic_list`, `session_list`): a prefetch into the related managers builds a
        manager and a queryset per activity and relation, and again when a template
        reads them (reading twenty cards at 50,000 activities: 24 ms, 15 ms as lists).
        """
        return self.select_related("programme", "location__district").prefetch_related(
            Prefetch("age_groups", to_attr="age_group_list"),
            Prefetch("topics", to_attr="topic_list"),
            Prefetch("sessions", to_attr="session_list"),
            "programme__districts",
        )


class Activity(Publishable):
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
    # Derived on save (see programmes/search.py): stems of the title, and of everything.
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    # Programme name, programme, order and title in Polish order (programmes/search.py):
    # one indexed column, so the finder reads its page in order instead of sorting all.
    sort_key = models.CharField(max_length=900, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

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
                    "sort_key",
                ],
                name="activity_visible_by_id",
            ),
        ]
        constraints = [
            *Publishable.Meta.constraints,
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

    def save(self, *args, **kwargs):
        self.search_title = search.document(**search.translations(self, "title"))
        texts = search.translations(self, "title", "summary", "description", "audience_note")
        for language, names in search.translations(self.programme, "name").items():
            texts[language] += names
        self.search_text = search.document(**texts)
        old_slug = stored_slug(self, kwargs.get("update_fields"))
        self.sort_key = self.make_sort_key(self.programme, self.order, self.title_pl or self.title)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                *("search_title", "search_text", "sort_key"),
            }
        super().save(*args, **kwargs)
        if old_slug != self.slug:
            ActivitySlugHistory.objects.record_move(old_slug, self)
        self.search_stems.all().delete()
        SearchStem.objects.bulk_create(SearchStem.rows_for(self))

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
    def verified_on(self):
        return self.last_verified or self.programme.last_verified

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


class ActivityPhoto(Photo):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="photos", verbose_name=_("activity")
    )

    class Meta(Photo.Meta):
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")


class CorrectionStatus(models.TextChoices):
    NEW = "new", _("new")
    FIXED = "fixed", _("fixed")
    REJECTED = "rejected", _("rejected")


class CorrectionQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=CorrectionStatus.NEW)

    def editable_by(self, user):
        if is_editor(user):
            return self
        return self.filter(programme__coordinators=user.pk)


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


class SearchStemQuerySet(models.QuerySet):
    def starting_with_any(self, terms):
        """Stems that start with one of `terms` (a query word's forms in each language),
        as index ranges that every database can use."""
        ranges = Q()
        for term in terms:
            ranges |= Q(stem__gte=term, stem__lt=term[:-1] + chr(ord(term[-1]) + 1))
        return self.filter(ranges)


class SearchStem(models.Model):
    """One stem of an activity's search text (programmes/search.py), derived on save.

    The word index of the finder: a search looks its words up here instead of
    reading every activity's text.
    """

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="search_stems", verbose_name=_("activity")
    )
    stem = models.CharField(_("stem"), max_length=100)
    in_title = models.BooleanField(_("in the title"), default=False)

    objects = SearchStemQuerySet.as_manager()

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

    def __str__(self):
        return self.stem

    @classmethod
    def rows_for(cls, activity):
        title = {stem[:100] for stem in activity.search_title.split()}
        stems = dict.fromkeys(stem[:100] for stem in activity.search_text.split())
        return [cls(activity=activity, stem=stem, in_title=stem in title) for stem in stems]


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
