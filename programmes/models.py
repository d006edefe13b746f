from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes import search


class DistrictQuerySet(models.QuerySet):
    def with_published_programmes(self):
        """Districts that have at least one published programme serving them."""
        return self.filter(programmes__published=True).distinct()


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

    def natural_key(self):
        return (self.slug,)


class ProgrammeStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    STARTING_SOON = "starting_soon", _("starting soon")
    SUSPENDED = "suspended", _("temporarily suspended")
    ENDED = "ended", _("ended")


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def in_district(self, district):
        """Programmes serving a district, including those that serve the whole city."""
        return self.filter(Q(pk__in=district.programmes.values("pk")) | Q(citywide=True))

    def with_related(self):
        return self.prefetch_related("districts", "locations__district")

    def search(self, query):
        return self.filter(search.matching(search.query_terms(query)))

    def with_activity_count(self):
        """Each programme's published activities, counted only for the rows fetched.

        A correlated subquery rather than a grouped join, so a page of 24 programmes
        counts 24 programmes' activities, not every activity in the city.
        """
        activity = self.model._meta.get_field("activities").related_model
        counts = (
            activity.objects.filter(programme=models.OuterRef("pk"), published=True)
            .order_by()
            .values("programme")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(activity_count=Coalesce(models.Subquery(counts), 0)).order_by(
            "sort_name", "pk"
        )


class Programme(models.Model):
    """A Local Activity Programme (PAL): MOPS's community work with one neighbourhood or group."""

    name = models.CharField(
        _("name"),
        max_length=160,
        help_text=_("As residents know it, e.g. “PAL Na Skarpie”. Do not invent a name."),
    )
    slug = models.SlugField(
        _("slug"), max_length=160, unique=True, help_text=_("The address of the page.")
    )
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
    last_verified = models.DateField(
        _("information last checked"),
        null=True,
        blank=True,
        help_text=_("The day a person last confirmed this information is correct."),
    )
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished programmes are hidden.")
    )
    # Derived on save (see programmes/search.py): search stems, Polish sort order.
    search_text = models.TextField(editable=False, default="")
    sort_name = models.CharField(max_length=400, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search.document(self.name, self.summary, self.description)
        self.sort_name = search.sort_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "sort_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    @property
    def main_location(self):
        """The first location; uses the prefetched list when there is one."""
        locations = list(self.locations.all())
        return locations[0] if locations else None


class Location(models.Model):
    """Where a programme works: its seat and any other address it names."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("programme"),
    )
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
    order = models.PositiveSmallIntegerField(_("order"), default=0)

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
