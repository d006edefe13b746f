import reversion
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from activities.models import (
    Activity,
    ActivityPhoto,
    ActivitySlugHistory,
    AgeGroup,
    Correction,
    CorrectionStatus,
    Partner,
    Topic,
    WeeklySession,
)
from programmes.admin import (
    FreshnessAdminMixin,
    NotCheckedRecentlyFilter,
    PhotoInlineMixin,
    ProgrammeScopedAdminMixin,
    ScopedInline,
    ScopedVersionAdmin,
)

# An activity's version carries its weekly sessions and photos, edited on its page.
reversion.register(WeeklySession)
reversion.register(ActivityPhoto)
reversion.register(Activity, follow=["sessions", "photos"])


@admin.register(AgeGroup)
class AgeGroupAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "slug", "icon", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    search_fields = ["name"]


class WeeklySessionInline(ScopedInline, admin.TabularInline):
    model = WeeklySession
    extra = 0


class ActivityPhotoInline(PhotoInlineMixin, admin.StackedInline):
    model = ActivityPhoto


class ActivityInline(ScopedInline, TranslationTabularInline):
    """A programme's activities at a glance; full editing on the activity's own page."""

    model = Activity
    extra = 0
    fields = ["title", "kind", "status", "published"]
    show_change_link = True
    # Deleted on its own page, which keeps a version to recover it from.
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(FreshnessAdminMixin, ScopedVersionAdmin, TranslationAdmin):
    list_display = ["title", "programme", "kind", "status", "district", "checked", "published"]
    list_filter = [
        NotCheckedRecentlyFilter,
        "status",
        "kind",
        "published",
        ("programme", admin.RelatedOnlyFieldListFilter),
        "programme__districts",
        "topics",
        "age_groups",
    ]
    search_fields = ["title", "summary", "description", "programme__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["programme", "location", "partners"]
    filter_horizontal = ["age_groups", "topics"]
    list_select_related = ["programme", "location__district"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [WeeklySessionInline, ActivityPhotoInline]
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "kind", "status"]}),
        (_("Publishing"), {"fields": ["published", ("visible_from", "visible_until")]}),
        (_("Description"), {"fields": ["summary", "description"]}),
        (
            _("Who it is for"),
            {"fields": ["age_groups", ("min_age", "max_age"), "audience_note", "eligibility"]},
        ),
        (_("Topics and partners"), {"fields": ["topics", "partners"]}),
        (
            _("Where and when"),
            {"fields": ["location", "timing", ("starts_on", "ends_on"), "timing_note", "edition"]},
        ),
        (_("Cost"), {"fields": ["free_of_charge", "cost_note"]}),
        (
            _("Freshness"),
            {"fields": ["last_verified", "source_note", "order", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("district"), ordering="location__district__number")
    def district(self, activity):
        return activity.location.district if activity.location else "—"


@admin.register(ActivitySlugHistory)
class ActivitySlugHistoryAdmin(admin.ModelAdmin):
    """Old addresses are recorded on rename and delete; staff may correct them here."""

    list_display = ["slug", "activity", "created_at"]
    search_fields = ["slug", "activity__title"]
    autocomplete_fields = ["activity"]


@admin.register(Correction)
class CorrectionAdmin(ProgrammeScopedAdminMixin, admin.ModelAdmin):
    """The inbox of residents' "Zgłoś błąd" reports."""

    list_display = ["created_at", "status", "excerpt", "programme", "activity"]
    list_filter = ["status", ("programme", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["programme", "activity"]
    search_fields = ["message", "contact", "programme__name", "activity__title"]
    date_hierarchy = "created_at"
    fields = [
        "page",
        "programme",
        "activity",
        "message",
        "contact",
        "created_at",
        "status",
        "staff_note",
    ]
    readonly_fields = ["page", "programme", "activity", "message", "contact", "created_at"]
    actions = ["mark_fixed", "mark_rejected"]

    def has_add_permission(self, request):
        return False  # Reports come from residents only.

    @admin.display(description=_("what is wrong"))
    def excerpt(self, correction):
        return correction.message[:100]

    @admin.display(description=_("page"))
    def page(self, correction):
        url = correction.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, correction.activity or correction.programme)

    @admin.action(description=_("Mark as fixed"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        queryset.update(status=CorrectionStatus.FIXED)

    @admin.action(description=_("Mark as rejected"), permissions=["change"])
    def mark_rejected(self, request, queryset):
        queryset.update(status=CorrectionStatus.REJECTED)
