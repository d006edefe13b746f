from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from activities.models import Activity, AgeGroup, Partner, Topic, WeeklySession


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


class WeeklySessionInline(admin.TabularInline):
    model = WeeklySession
    extra = 0


class ActivityInline(TranslationTabularInline):
    """A programme's activities at a glance; full editing on the activity's own page."""

    model = Activity
    extra = 0
    fields = ["title", "kind", "status", "published"]
    show_change_link = True


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ["title", "programme", "kind", "status", "district", "published", "updated_at"]
    list_filter = [
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
    inlines = [WeeklySessionInline]
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "kind", "status", "published"]}),
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
        (_("Freshness"), {"fields": ["last_verified", "order", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("district"), ordering="location__district__number")
    def district(self, activity):
        return activity.location.district if activity.location else "—"
