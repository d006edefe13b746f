"""Programmes (PALs), districts, places, staff contacts, photos, old addresses,
and what every content model shares: publishing, slug history, coordinators'
scope and the search engine over a word index (SearchableQuerySet, StemIndex).

The bottom of the project: imports no other app.
"""

import datetime
import uuid
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Value, prefetch_related_objects
from django.db.models.functions import Coalesce, NullIf, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from programmes import photos, search

# Information not checked for this long gets a gentle notice and an admin filter.
STALE_AFTER = datetime.timedelta(days=183)


def visible_q(prefix="", today=None):
    """Published, and inside its "visible from / until" dates (empty: no limit)."""
    today = today or timezone.localdate()
    return (
        Q(**{f"{prefix}published": True})
        & (
            Q(**{f"{prefix}visible_from__isnull": True})
            | Q(**{f"{prefix}visible_from__lte": today})
        )
        & (
            Q(**{f"{prefix}visible_until__isnull": True})
            | Q(**{f"{prefix}visible_until__gte": today})
        )
    )


def stale_q(prefix="", today=None):
    """Never checked, or last checked more than STALE_AFTER ago."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}last_verified__isnull": True}) | Q(
        **{f"{prefix}last_verified__lt": today - STALE_AFTER}
    )


def is_stale(verified_on, today=None):
    today = today or timezone.localdate()
    return verified_on is not None and verified_on < today - STALE_AFTER


class ReviewInterval(models.IntegerChoices):
    """How often staff should confirm a page's information (see send_review_reminders)."""

    QUARTERLY = 3, _("every 3 months")
    HALF_YEARLY = 6, _("every 6 months")
    YEARLY = 12, _("every 12 months")


class AddMonths(models.Func):
    """`date` plus a number of months, computed by the database (SQLite or PostgreSQL).

    In the database rather than stored on save, so a changed interval, a programme's
    new "checked" date (which its activities inherit) or rows loaded by loaddata or
    bulk_create are always due on the right day.
    """

    arity = 2
    output_field = models.DateField()

    def as_sqlite(self, compiler, connection, **extra):
        # date('2026-01-15', '+' || 6 || ' months')
        return self.as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' months')",
            arg_joiner=", '+' || ",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        # ('2026-01-15' + make_interval(months => 6))::date
        return self.as_sql(
            compiler,
            connection,
            template="(%(expressions)s))::date",
            arg_joiner=" + make_interval(months => ",
            **extra,
        )


def review_due(verified):
    """When an item should be checked again: its interval (or the directory's default,
    REVIEW_INTERVAL_MONTHS) after it was last checked; never checked, it is due since
    the day it was created."""
    interval = Coalesce("review_interval", Value(settings.REVIEW_INTERVAL_MONTHS))
    return Coalesce(AddMonths(verified, interval), TruncDate("created_at"))


class ReviewQuerySet(models.QuerySet):
    """Review dates of programmes and activities (Do sprawdzenia, reminders)."""

    def verified_on(self):
        """The date the item's information was last checked."""
        return F("last_verified")

    def in_review(self):
        """Items whose review matters: published ones. Drafts are not seen by visitors."""
        return self.filter(published=True)

    def with_review_due(self):
        return self.annotate(review_due=review_due(self.verified_on()))

    def due_for_review(self, until):
        """Items due by `until` (overdue ones too), the most overdue first."""
        return (
            self.in_review()
            .with_review_due()
            .filter(review_due__lte=until)
            .order_by("review_due", "pk")
        )


def open_data_id():
    """A row's permanent id in the open data (HSDS, opendata/): unlike the slug it
    survives renames, and unlike the primary key it survives re-imports and reseeding."""
    return models.UUIDField(
        _("open data id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Permanent id in the open data (HSDS); survives renames and re-imports."),
    )


def unconfirmed_source_year(verified_on, source_year):
    """The year of the source a page still rests on: None once a person has checked it."""
    return None if verified_on else source_year


def as_of(text, source_year):
    """A status (e.g. "planned") qualified by the year of the unconfirmed source it comes from."""
    if source_year is None:
        return text
    return gettext("%(status)s (as of %(year)s)") % {"status": text, "year": source_year}


def source_dates_notice(source_year):
    """Says that the dates and plans on a page are the source's, not today's plan."""
    if source_year is None:
        return ""
    return gettext(
        "The dates and plans on this page are those of the source from %(year)s and have not "
        "been confirmed since: they are not today's plan. Ask the programme what is on now."
    ) % {"year": source_year}


def source_date_suffix(source_year):
    """Appended to a date or period taken from the source, e.g. “from September 2023”."""
    if source_year is None:
        return ""
    return gettext("(according to the source from %(year)s)") % {"year": source_year}


def long_date(day):
    return date_format(day, "j E Y")


def is_editor(user):
    """Central editors (and superusers) change every programme."""
    return user.is_active and user.has_perm("programmes.change_every_programme")


def central_editors():
    """Active central editors (and superusers) with an e-mail address."""
    from django.contrib.auth import get_user_model

    every = {"codename": "change_every_programme", "content_type__app_label": "programmes"}
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(**{f"groups__permissions__{key}": value for key, value in every.items()})
            | Q(**{f"user_permissions__{key}": value for key, value in every.items()}),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def in_visitor_language(field):
    """`field` in the visitor's language, or in Polish where it is not translated.

    For ordering: sorting on the plain `name` sorts on `name_uk` for a Ukrainian
    visitor, where an untranslated row is NULL, and SQLite puts NULLs first while
    PostgreSQL puts them last. This sorts such a row by its Polish text instead.
    """
    language = get_language() or "pl"
    return Coalesce(
        NullIf(F(f"{field}_{language}"), Value("")),
        F(f"{field}_pl"),
        output_field=models.TextField(),
    )


def in_visitor_order(field, polish_sort_key):
    """Order by `field` as the visitor reads it.

    In Polish, by the stored Polish sort key (programmes/search.py: sort_key), which
    gives Polish alphabetical order on every database; in other languages, by the
    translated text with the Polish as fallback.
    """
    if (get_language() or "pl") == "pl":
        return F(polish_sort_key)
    return in_visitor_language(field)


def other_languages(model, prefix=""):
    """The columns of `model`'s translated fields that a page in the visitor's language
    never reads, as lookups from `prefix` (e.g. "programme__"), for defer().

    A translated field reads the visitor's language, then Polish (the fallback, and
    what programmes/templatetags/languages.py compares with): every other language's
    column is left out. One such column read all the same costs a query.
    """
    from modeltranslation.translator import translator

    kept = {
        get_language() or settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        *settings.MODELTRANSLATION_FALLBACK_LANGUAGES,
    }
    return [
        f"{prefix}{field.name}"
        for fields in translator.get_options_for_model(model).all_fields.values()
        for field in fields
        if field.language not in kept
    ]


class DistrictQuerySet(models.QuerySet):
    def with_published_programmes(self):
        """Districts that have at least one published programme serving them."""
        # EXISTS stops at the first programme; a join with DISTINCT reads them all.
        serving = Programme.objects.published().filter(districts=models.OuterRef("pk"))
        return self.filter(models.Exists(serving))

    def with_last_change(self):
        """Annotates `last_change`: when a published programme serving it last changed."""
        return self.annotate(
            last_change=models.Max("programmes__updated_at", filter=visible_q("programmes__"))
        ).order_by("number")


class DistrictManager(models.Manager.from_queryset(DistrictQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class District(models.Model):
    """One of Kraków's 18 dzielnice, seeded by a data migration."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, help_text=_("1–18, used for ordering.")
    )
    numeral = models.CharField(
        _("Roman numeral"), max_length=6, unique=True, help_text=_("For example XVII.")
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("The official name."))
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    objects = DistrictManager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=18), name="district_number_1_18"
            ),
        ]

    def __str__(self):
        return f"{self.numeral} {self.name}"

    def get_absolute_url(self):
        return reverse("district", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class ProgrammeStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    STARTING_SOON = "starting_soon", _("starting soon")
    SUSPENDED = "suspended", _("temporarily suspended")
    ENDED = "ended", _("ended")


class SearchableQuerySet(models.QuerySet):
    """The one search engine of programmes and activities (programmes/search.py).

    Every word of the query must start a stored form; words are looked up in the
    model's word index (`search_stems`, a StemIndex) rather than by scanning every
    row's text, so a search costs the same with 50 or 50,000 rows.
    """

    def search(self, query):
        return self.matching(search.Query.of(query))

    def matching(self, query, rank_titles=False):
        """Rows matching `query` (a search.Query); with rank_titles, annotates
        `search_rank`: how many of its words match the title."""
        stem_index = self.model.search_stems.rel.related_model
        owner = stem_index.owner_field
        matches = self
        title_hits = []
        for alternatives in query.terms:
            stems = stem_index.objects.starting_with_any(alternatives)
            matches = matches.filter(pk__in=stems.values(owner))
            if rank_titles:
                # A set the database builds once per word, not a lookup per match: a
                # common word matches thousands of rows at city scale (EXISTS per row:
                # 19 ms of SQLite's 50,000 activities for "angielski", this 9 ms).
                in_title = stems.filter(in_title=True).values(owner)
                title_hits.append(
                    models.Case(
                        models.When(pk__in=in_title, then=1),
                        default=0,
                        output_field=models.IntegerField(),
                    )
                )
        if title_hits:
            matches = matches.annotate(search_rank=sum(title_hits[1:], title_hits[0]))
        return matches


class CoordinatedQuerySet(models.QuerySet):
    """Rows that belong to a programme, which its coordinators may edit."""

    # From a row to its programme's coordinators.
    coordinators_lookup = "programme__coordinators"

    def editable_by(self, user):
        """Every row for central editors; their programmes' rows for coordinators."""
        if is_editor(user):
            return self
        return self.filter(**{self.coordinators_lookup: user.pk})


class ProgrammeQuerySet(SearchableQuerySet, CoordinatedQuerySet, ReviewQuerySet):
    coordinators_lookup = "coordinators"

    def published(self):
        """What visitors see: published and within its visibility dates."""
        return self.filter(visible_q())

    def stale(self):
        return self.filter(stale_q())

    def in_district(self, district):
        """Programmes serving a district, including those that serve the whole city."""
        return self.filter(Q(pk__in=district.programmes.values("pk")) | Q(citywide=True))

    def for_detail_page(self):
        """The row of a programme's page, in the visitor's language and Polish only.

        Its page keeps the row in the fragment cache (StaffPreviewMixin.get_object), one
        per language: without the other languages' columns and the search columns it
        takes 4 kB there in Polish, 6 in Ukrainian, instead of 12. (Not for speed: the
        query is no faster, defer() costs about what the columns saved.)
        """
        # The search columns (programmes/search.py): read only by queries.
        return self.defer(*other_languages(Programme), "search_text", "sort_name")

    related_lookups = ("districts", "locations__district")

    def with_related(self):
        return self.prefetch_related(*self.related_lookups)

    def refresh_search_index(self):
        """Rebuild the derived columns of these programmes: search text, Polish sort key.

        Called by programmes/signals.py when a save wrote a field they read, and by
        bulk loaders (load_seed, generate_demo_data), which send no signals.
        """
        for batch in search.in_batches(self.order_by()):
            for programme in batch:
                programme.search_text = search.document(
                    **search.translations(programme, *Programme.search_index_reads)
                )
                # Polish order from the Polish name, whatever language is active.
                programme.sort_name = search.sort_key(programme.name_pl or programme.name)
            Programme.objects.bulk_update(batch, ["search_text", "sort_name"])
            ProgrammeSearchStem.objects.rebuild_for(batch)

    def with_activity_count(self):
        """Each programme's visible activities, counted only for the rows fetched.

        A correlated subquery over the reverse relation rather than a grouped join,
        so a page of 24 programmes counts 24 programmes' activities, not every
        activity in the city.
        """
        counts = (
            Programme.objects.filter(pk=models.OuterRef("pk"))
            .annotate(count=models.Count("activities", filter=visible_q("activities__")))
            .values("count")
        )
        return self.annotate(activity_count=Coalesce(models.Subquery(counts), 0)).order_by(
            in_visitor_order("name", "sort_name"), "pk"
        )


class Publishable(models.Model):
    """Draft or published, and the dates a seasonal page is shown (see visible_q)."""

    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Untick to keep a draft: staff can preview it, visitors cannot see it."),
    )
    visible_from = models.DateField(
        _("visible from"),
        null=True,
        blank=True,
        help_text=_("For seasonal items: the first day the page is shown. Empty: no limit."),
    )
    visible_until = models.DateField(
        _("visible until"),
        null=True,
        blank=True,
        help_text=_("The last day the page is shown. Empty: no limit."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(visible_from__isnull=True)
                | Q(visible_until__isnull=True)
                | Q(visible_until__gte=models.F("visible_from")),
                name="%(class)s_visible_period",
                violation_error_message=_("“Visible until” cannot be before “visible from”."),
            ),
        ]

    def is_visible(self):
        return type(self).objects.published().filter(pk=self.pk).exists()


class Reviewable(models.Model):
    """How often a page's information should be confirmed by a person."""

    review_interval = models.PositiveSmallIntegerField(
        _("check every"),
        choices=ReviewInterval,
        null=True,
        blank=True,
        help_text=_(
            "How often someone should confirm this information. The next check is due "
            "this long after “information last checked”. Empty: the directory's default "
            "(every 6 months unless MOPS set another)."
        ),
    )

    class Meta:
        abstract = True


class StepFreeAccess(models.TextChoices):
    """Whether a wheelchair user can get in and around a place; empty: nobody checked."""

    UNKNOWN = "", _("not known")
    YES = "yes", _("step-free")
    PARTLY = "partly", _("partly step-free")
    NO = "no", _("not step-free")


class ForParticularGroup(models.Model):
    """Who only may take part, and a temporary notice: what a resident needs to know
    before going, on programmes and activities alike.

    `only_for` is typed by staff, never guessed from other texts: the finder puts
    what is open to everyone first by it.
    """

    only_for = models.CharField(
        _("only for"),
        max_length=200,
        blank=True,
        help_text=_(
            "Fill in only when taking part is limited to a particular group, in one short "
            "line, e.g. “Tylko dla rodzin zastępczych i rodzinnych domów dziecka”. "
            "Empty: open to every resident."
        ),
    )
    notice = models.CharField(
        _("temporary notice"),
        max_length=200,
        blank=True,
        help_text=_(
            "A short notice shown on cards and pages until its end date, e.g. "
            "“Przerwa wakacyjna do 31 sierpnia” or “Odwołane w tym tygodniu”."
        ),
    )
    notice_until = models.DateField(
        _("notice shown until"),
        null=True,
        blank=True,
        help_text=_("The last day the notice is shown. Required with a notice."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        # The database constraint sees one language's column; staff may write the
        # notice in any of them (admin shows notice_pl, notice_uk, notice_en).
        written = [getattr(self, f"notice_{code}", None) for code, _name in settings.LANGUAGES]
        if (self.notice or any(written)) and not self.notice_until:
            raise ValidationError({"notice_until": _("Give the last day the notice is shown.")})

    @property
    def is_for_particular_group(self):
        return bool(self.only_for)

    @property
    def current_notice(self):
        """The notice while it lasts (until its end date, inclusive), else ""."""
        if self.notice and self.notice_until and self.notice_until >= timezone.localdate():
            return self.notice
        return ""


def notice_has_end_date():
    return models.CheckConstraint(
        condition=Q(notice="") | Q(notice_until__isnull=False),
        name="%(class)s_notice_has_end_date",
        violation_error_message=_("Give the last day the notice is shown."),
    )


class Programme(Reviewable, ForParticularGroup, Publishable):
    """A Local Activity Programme (PAL): MOPS's community work with one neighbourhood or group."""

    name = models.CharField(
        _("name"),
        max_length=160,
        help_text=_("As residents know it, e.g. “PAL Na Skarpie”. Do not invent a name."),
    )
    slug = models.SlugField(
        _("slug"), max_length=160, unique=True, help_text=_("The address of the page.")
    )
    uuid = open_data_id()
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown on cards.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Plain text; blank lines start paragraphs.")
    )
    audience = models.CharField(
        _("for whom"),
        max_length=300,
        blank=True,
        help_text=_("Who the programme is for, in plain words. Leave empty if unknown."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProgrammeStatus,
        default=ProgrammeStatus.ACTIVE,
        help_text=_("“Starting soon” for programmes not officially started yet."),
    )
    districts = models.ManyToManyField(
        District,
        related_name="programmes",
        blank=True,
        verbose_name=_("districts served"),
        help_text=_("The districts whose residents the programme serves."),
    )
    citywide = models.BooleanField(
        _("serves the whole city"),
        default=False,
        help_text=_("Tick for programmes open to residents of every district."),
    )
    source = models.CharField(
        _("source of information"),
        max_length=300,
        blank=True,
        help_text=_("Where the information on this page comes from."),
    )
    source_year = models.PositiveSmallIntegerField(
        _("year of the source"),
        null=True,
        blank=True,
        help_text=_(
            "The year the source describes, e.g. 2023. Until a person checks the page "
            "(“information last checked”), its statuses and dates are shown as of this year."
        ),
    )
    source_note = models.TextField(
        _("note on the source (staff only)"),
        blank=True,
        help_text=_(
            "Never shown on the site. What the source does not say outright and was "
            "inferred here, so that MOPS can confirm or correct it."
        ),
    )
    last_verified = models.DateField(
        _("information last checked"),
        null=True,
        blank=True,
        help_text=_("The day a person last confirmed this information is correct."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coordinated_programmes",
        blank=True,
        verbose_name=_("coordinators"),
        help_text=_("Staff accounts that may edit this programme and everything in it."),
    )
    # Derived by ProgrammeQuerySet.refresh_search_index(): search stems, Polish sort order.
    search_text = models.TextField(editable=False, default="")
    sort_name = models.CharField(max_length=400, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    # The fields the search index is built from (refresh_search_index).
    search_index_reads = ("name", "summary", "description")

    class Meta(Publishable.Meta):
        ordering = ["sort_name", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [*Publishable.Meta.constraints, notice_has_end_date()]
        permissions = [("change_every_programme", _("Can change every programme"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    def is_editable_by(self, user):
        return is_editor(user) or self.coordinators.filter(pk=user.pk).exists()

    @property
    def shows_status(self):
        """Its status is worth a badge: anything but the usual "active"."""
        return self.status != ProgrammeStatus.ACTIVE

    @property
    def is_stale(self):
        return is_stale(self.last_verified)

    @property
    def unconfirmed_source_year(self):
        return unconfirmed_source_year(self.last_verified, self.source_year)

    @property
    def status_text(self):
        """The status as the page shows it, e.g. “starting soon (as of 2023)”."""
        return as_of(self.get_status_display(), self.unconfirmed_source_year)

    @property
    def source_dates_notice(self):
        return source_dates_notice(self.unconfirmed_source_year)

    @property
    def mapped_locations(self):
        """Locations with coordinates; uses the prefetched list when there is one."""
        return [location for location in self.locations.all() if location.has_coordinates]

    def read_details(self):
        """This row with what with_related() reads, read once; returns self.

        For the programme page, which draws the programme only when its block is not
        in the fragment cache: the row is read alone first, the rest on demand.
        """
        if not getattr(self, "_details_read", False):
            prefetch_related_objects([self], *ProgrammeQuerySet.related_lookups)
            self._details_read = True
        return self

    @property
    def main_location(self):
        """The first location; uses the prefetched list when there is one."""
        locations = list(self.locations.all())
        return locations[0] if locations else None


def remember_stored_slug(sender, instance, raw, update_fields, **kwargs):
    """pre_save: note the slug in the database before this save (None for a new row)."""
    if raw or instance._state.adding:
        instance._stored_slug = None
    elif update_fields is not None and "slug" not in update_fields:
        instance._stored_slug = instance.slug
    else:
        stored = sender._base_manager.filter(pk=instance.pk).values_list("slug", flat=True)
        instance._stored_slug = stored.first()


def record_slug_move(sender, instance, raw, **kwargs):
    """post_save: the page's old address (if it moved) now leads to the new one."""
    if raw or getattr(instance, "_stored_slug", None) == instance.slug:
        return
    history = sender.old_slugs.rel.related_model
    history.objects.record_move(instance._stored_slug, instance)


def record_slug_removal(sender, instance, **kwargs):
    """post_delete: the address of a deleted page answers 410 Gone, not a soft 404."""
    sender.old_slugs.rel.related_model.objects.record_removal(instance.slug)


class StemIndexQuerySet(models.QuerySet):
    def starting_with_any(self, terms):
        """Stems that start with one of `terms` (a query word's forms in each language),
        as index ranges that every database can use."""
        ranges = Q()
        for term in terms:
            ranges |= Q(stem__gte=term, stem__lt=term[:-1] + chr(ord(term[-1]) + 1))
        return self.filter(ranges)

    def rebuild_for(self, rows):
        """Replace the stems of `rows` with those of their (fresh) search text."""
        self.filter(**{f"{self.model.owner_field}__in": rows}).delete()
        self.bulk_create([stem for row in rows for stem in self.model.rows_for(row)])


class StemIndex(models.Model):
    """One stem of a row's search text: the word index a search looks words up in.

    Subclasses name their row's foreign key in `owner_field` (related_name
    "search_stems"); refresh_search_index() fills them.
    """

    stem = models.CharField(_("stem"), max_length=100)
    in_title = models.BooleanField(_("in the title"), default=False)

    objects = StemIndexQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.stem

    @classmethod
    def rows_for(cls, row):
        # Only activities keep a separate title form (programmes are not ranked).
        title = {stem[:100] for stem in getattr(row, "search_title", "").split()}
        stems = dict.fromkeys(stem[:100] for stem in row.search_text.split())
        return [cls(**{cls.owner_field: row}, stem=stem, in_title=stem in title) for stem in stems]


class ProgrammeSearchStem(StemIndex):
    owner_field = "programme"

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="search_stems",
        verbose_name=_("programme"),
    )

    class Meta:
        verbose_name = _("search stem")
        verbose_name_plural = _("search stems")
        indexes = [
            models.Index(fields=["stem", "programme"], name="programmesearchstem_lookup"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["programme", "stem"], name="programmesearchstem_unique")
        ]


class SlugHistoryQuerySet(models.QuerySet):
    def record_move(self, old_slug, target):
        """The target now lives at `target.slug`; `old_slug` (if any) should lead to it."""
        field = self.model.target_field
        # The live address always wins over a remembered one.
        self.filter(slug=target.slug).delete()
        if old_slug:
            self.update_or_create(slug=old_slug, defaults={field: target})

    def record_removal(self, slug):
        """The page at `slug` was deleted: its address (and older ones) answer 410 Gone."""
        self.update_or_create(slug=slug, defaults={self.model.target_field: None})


class SlugHistory(models.Model):
    """An address a page used to have, so links to it keep working.

    With a target, the old address answers 301 to the renamed page; without one
    (the page was deleted), it answers 410 Gone.
    """

    slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = SlugHistoryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["slug"]

    def __str__(self):
        return self.slug

    @property
    def target_id(self):
        return getattr(self, f"{self.target_field}_id")


class ProgrammeSlugHistory(SlugHistory):
    target_field = "programme"

    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        related_name="old_slugs",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        help_text=_("Empty when the programme was deleted: the address then answers “gone”."),
    )

    class Meta(SlugHistory.Meta):
        verbose_name = _("old programme address")
        verbose_name_plural = _("old programme addresses")


class LocationQuerySet(models.QuerySet):
    def of_visible_programmes(self):
        return self.filter(visible_q("programme__"))

    def step_free_unknown(self):
        return self.filter(step_free=StepFreeAccess.UNKNOWN)


class Location(models.Model):
    """Where a programme works: its seat and any other address it names."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("programme"),
    )
    uuid = open_data_id()
    name = models.CharField(
        _("name"),
        max_length=160,
        blank=True,
        help_text=_("Optional, e.g. “Siedziba PAL”."),
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        help_text=_("As written locally, e.g. “os. Na Skarpie 35”."),
    )
    postal_code = models.CharField(
        _("postal code"), max_length=6, blank=True, help_text=_("For example 31-911.")
    )
    city = models.CharField(_("city"), max_length=80, default="Kraków")
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="locations",
        verbose_name=_("district"),
        null=True,
        blank=True,
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    coordinates_source = models.CharField(
        _("source of coordinates"),
        max_length=200,
        blank=True,
        help_text=_("Who measured or looked up the coordinates. Required with coordinates."),
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_(
            "Step-free entrance, lift, toilet… Leave empty when unknown: "
            "the page then says that it is not known."
        ),
    )
    step_free = models.CharField(
        _("step-free access"),
        max_length=10,
        choices=StepFreeAccess,
        blank=True,
        default=StepFreeAccess.UNKNOWN,
        help_text=_(
            "Can a wheelchair user get in (and to the rooms used) without steps? "
            "“Not known” until someone checked; the finder's “Bez barier” lists only "
            "places marked step-free."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__isnull=False)
                    & Q(longitude__isnull=False)
                    & Q(latitude__gte=-90)
                    & Q(latitude__lte=90)
                    & Q(longitude__gte=-180)
                    & Q(longitude__lte=180)
                    & ~Q(coordinates_source="")
                ),
                name="location_coordinates_complete",
                violation_error_message=_(
                    "Give both latitude and longitude, within range, and their source "
                    "— or none of them."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.address}, {self.city}"

    # Around Kraków, generously: a place of a Kraków programme outside this box is most
    # likely a typing slip or latitude and longitude swapped (19.9, 50.0 lies in Somalia).
    KRAKOW_BOUNDS = {"latitude": (49.9, 50.2), "longitude": (19.7, 20.3)}

    def clean(self):
        """Coordinates staff type in: both or neither, in range, with their source.

        The database constraint (location_coordinates_complete) enforces the same, but
        says it in one sentence for the whole form; these messages point at the field.
        """
        super().clean()
        errors = {}
        given = {"latitude": self.latitude, "longitude": self.longitude}
        for name, value in given.items():
            other = "longitude" if name == "latitude" else "latitude"
            if value is None and given[other] is not None:
                errors[name] = _("Give both latitude and longitude, or neither.")
        limits = {"latitude": 90, "longitude": 180}
        for name, value in given.items():
            if value is not None and abs(value) > limits[name]:
                errors[name] = _("Out of range: at most %(limit)s degrees either way.") % {
                    "limit": limits[name]
                }
        if self.has_coordinates and not errors:
            if not self.coordinates_source.strip():
                errors["coordinates_source"] = _(
                    "Say where the coordinates come from (e.g. “measured at the door with a "
                    "phone”, “OpenStreetMap, building at the address”): they put the place "
                    "on the public map."
                )
            if self.city.strip().lower() in {"kraków", "krakow"} and not all(
                low <= float(given[name]) <= high
                for name, (low, high) in self.KRAKOW_BOUNDS.items()
            ):
                errors["latitude"] = _(
                    "This point is not in Kraków. Are latitude and longitude swapped? "
                    "In Kraków latitude is about 50.0 and longitude about 20.0."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def full_address(self):
        return ", ".join(part for part in [self.address, self.postal_code, self.city] if part)


class StaffContactQuerySet(models.QuerySet):
    def public(self):
        return self.filter(public=True)


class StaffContact(models.Model):
    """A person residents can ask about a programme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("programme"),
    )
    uuid = open_data_id()
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("Leave empty if not confirmed.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    public = models.BooleanField(
        _("shown on the website"),
        default=True,
        help_text=_("Only with the person's agreement."),
    )

    objects = StaffContactQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "order", "name"]
        verbose_name = _("staff contact")
        verbose_name_plural = _("staff contacts")

    def __str__(self):
        return self.name


class PhotoQuerySet(models.QuerySet):
    def public(self):
        """Photos shown to visitors; photos of people only with their agreement."""
        return self.filter(published=True).exclude(shows_people=True, people_consent=False)


class Photo(models.Model):
    """A photo staff attach to a page; re-encoded and resized on save (programmes/photos.py)."""

    image = models.FileField(
        _("photo"),
        upload_to=photos.upload_to,
        max_length=200,
        validators=[photos.validate_photo],
        help_text=_("JPEG, PNG or WebP, at most 10 MB. Location data (GPS) is removed."),
    )
    alt_text = models.CharField(
        _("description for blind people (alt text)"),
        max_length=250,
        help_text=_("What the photo shows, in one sentence, e.g. “Children painting at a table”."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=250,
        blank=True,
        help_text=_("Optional, shown under the photo. Do not name people without their consent."),
    )
    shows_people = models.BooleanField(
        _("shows people"),
        default=False,
        help_text=_("Tick when people can be recognised in the photo."),
    )
    people_consent = models.BooleanField(
        _("the people shown agreed"),
        default=False,
        help_text=_(
            "Required before a photo of people is published: they agreed, and for children "
            "their parents or legal guardians."
        ),
    )
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Untick to keep the photo off the page.")
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    # The resized copies saved beside the image: [{"width", "webp", "jpeg"}] (photos.py).
    renditions = models.JSONField(editable=False, default=list)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Photos are shown from the lowest number.")
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published=False) | Q(shows_people=False) | Q(people_consent=True),
                name="%(class)s_people_consent",
                violation_error_message=_(
                    "A photo showing people can be published only after they (for children: "
                    "their parents or guardians) agreed. Tick the agreement or untick “published”."
                ),
            ),
        ]

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        uploaded = bool(self.image) and not self.image._committed
        if not uploaded:
            return super().save(*args, **kwargs)
        files = photos.prepare(self)
        super().save(*args, **kwargs)
        transaction.on_commit(
            partial(photos.write_files, type(self), self.pk, self.image.storage, files),
            using=self._state.db,
        )

    def sources(self):
        """[{width, webp, jpeg}] URLs from small to large, for <picture> srcset."""
        return photos.sources(self)


class ProgrammePhoto(Photo):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="photos", verbose_name=_("programme")
    )

    class Meta(Photo.Meta):
        verbose_name = _("programme photo")
        verbose_name_plural = _("programme photos")


class RateLimitQuerySet(models.QuerySet):
    def hit(self, key, window):
        """Count one event for `key` in its current window; return the count so far.

        In the database, so every worker and app server shares the same count: the row
        is locked while it is updated (SQLite serialises writers anyway).
        """
        now = timezone.now()
        with transaction.atomic():
            counter, _ = self.select_for_update().get_or_create(
                key=key, defaults={"window_start": now, "hits": 0}
            )
            if counter.window_start <= now - window:
                counter.window_start, counter.hits = now, 0
            counter.hits += 1
            counter.save(update_fields=["window_start", "hits"])
        # Windows that ended long ago are of no use to anyone.
        self.filter(window_start__lt=now - max(window, datetime.timedelta(days=1))).delete()
        return counter.hits

    def count(self, key, window):
        """Events counted for `key` in its current window, without adding one."""
        counter = self.filter(key=key, window_start__gt=timezone.now() - window).first()
        return counter.hits if counter else 0


class RateLimit(models.Model):
    """A counter per address and purpose (corrections, failed logins) shared by all workers."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    window_start = models.DateTimeField(_("window start"), db_index=True)
    hits = models.PositiveIntegerField(_("hits"), default=0)

    objects = RateLimitQuerySet.as_manager()

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")

    def __str__(self):
        return f"{self.key}: {self.hits}"
