"""Admin for activities, vocabularies, partners, residents' corrections, the
"Do sprawdzenia" page and the search statistics.

Also re-registers the programme admin with its activities inline, so the
programmes app needs no knowledge of activities.
"""

import datetime

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from activities.models import (
    SEARCH_STATISTICS_MONTHS,
    Activity,
    ActivityPhoto,
    ActivitySlugHistory,
    AgeGroup,
    Correction,
    CorrectionStatus,
    Partner,
    SearchCount,
    Topic,
    WeeklySession,
    finder_search_url,
    review_items,
)
from programmes.admin import (
    FreshnessAdminMixin,
    NotCheckedRecentlyFilter,
    PhotoInlineMixin,
    ProgrammeAdmin,
    ProgrammeScopedAdminMixin,
    ScopedInline,
    ScopedVersionAdmin,
    checked_message,
    mark_checked,
)
from programmes.models import Programme

# The "Do sprawdzenia" page shows at most this many items of each kind, most overdue first.
REVIEW_PAGE_ROWS = 200

# An activity's version carries its weekly sessions and photos, edited on its page.
reversion.register(WeeklySession)
reversion.register(ActivityPhoto)
reversion.register(Activity, follow=["sessions", "photos"])


class VocabularyAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AgeGroup)
class AgeGroupAdmin(VocabularyAdmin):
    pass


@admin.register(Topic)
class TopicAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "icon", "order"]


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


class ActivityVersionsMixin:
    """History of admins whose revisions hold activities' sessions and photos."""

    def version_programme_id(self, version):
        activity_id = version.field_dict.get("activity_id")
        if version._model is Activity or not activity_id:
            return super().version_programme_id(version)
        # A session or photo: its activity may be deleted, yet saved in the same revision.
        saved = version.revision.version_set.get_for_model(Activity).filter(
            object_id=str(activity_id)
        )
        if saved:
            return saved[0].field_dict["programme_id"]
        return (
            Activity.objects.filter(pk=activity_id).values_list("programme_id", flat=True).first()
        )


# The programme page in admin lists its activities: this app extends the programmes
# app's admin rather than the programmes app knowing about activities.
admin.site.unregister(Programme)


@admin.register(Programme)
class ProgrammeWithActivitiesAdmin(ActivityVersionsMixin, ProgrammeAdmin):
    inlines = [*ProgrammeAdmin.inlines, ActivityInline]


@admin.register(Activity)
class ActivityAdmin(
    ActivityVersionsMixin, FreshnessAdminMixin, ScopedVersionAdmin, TranslationAdmin
):
    list_display = [
        "title",
        "programme",
        "kind",
        "status",
        "district",
        "checked",
        "check_due",
        "published",
    ]
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
            {
                "fields": [
                    "last_verified",
                    "review_interval",
                    "source_note",
                    "order",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("district"), ordering="location__district__number")
    def district(self, activity):
        return activity.location.district if activity.location else "—"

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [path("do-sprawdzenia/", review, name="review_list"), *super().get_urls()]

    def review_view(self, request):
        """ "Do sprawdzenia": programmes and activities due for a check, most overdue first.

        Coordinators see their own programmes' items, central editors everyone's;
        "checked today" (with or without changes) moves an item's next check on.
        """
        if not self.has_change_permission(request):
            raise PermissionDenied
        user = request.user
        today = timezone.localdate()
        until = today + datetime.timedelta(days=settings.REVIEW_NOTICE_DAYS)
        programmes = Programme.objects.editable_by(user).due_for_review(until)
        activities = (
            Activity.objects.editable_by(user).due_for_review(until).select_related("programme")
        )
        if request.method == "POST":
            chosen = [
                *programmes.filter(pk__in=request.POST.getlist("programme")),
                *activities.filter(pk__in=request.POST.getlist("activity")),
            ]
            count = mark_checked(user, chosen, with_changes="with_changes" in request.POST)
            self.message_user(request, checked_message(count), messages.SUCCESS)
            return redirect("admin:review_list")
        rows = review_items(programmes[:REVIEW_PAGE_ROWS], activities[:REVIEW_PAGE_ROWS], today)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Due for a check"),
            "rows": rows,
            "programme_count": programmes.count(),
            "activity_count": activities.count(),
            "shown_limit": REVIEW_PAGE_ROWS,
            "notice_days": settings.REVIEW_NOTICE_DAYS,
        }
        return TemplateResponse(request, "admin/review_list.html", context)


@admin.register(ActivitySlugHistory)
class ActivitySlugHistoryAdmin(admin.ModelAdmin):
    """Old addresses are recorded on rename and delete; staff may correct them here."""

    list_display = ["slug", "activity", "created_at"]
    search_fields = ["slug", "activity__title"]
    autocomplete_fields = ["activity"]


@admin.register(Correction)
class CorrectionAdmin(ProgrammeScopedAdminMixin, admin.ModelAdmin):
    """The inbox of residents' "Zgłoś błąd" reports."""

    list_display = ["created_at", "status", "kind", "excerpt", "programme", "activity", "fixed"]
    list_filter = ["status", "kind", ("programme", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["programme", "activity", "fixed_by"]
    search_fields = ["message", "contact", "programme__name", "activity__title"]
    date_hierarchy = "created_at"
    fields = [
        "page",
        "programme",
        "activity",
        "kind",
        "message",
        "contact",
        "created_at",
        "status",
        ("fixed_by", "fixed_at"),
        "staff_note",
    ]
    readonly_fields = [
        "page",
        "programme",
        "activity",
        "kind",
        "message",
        "contact",
        "created_at",
        "fixed_by",
        "fixed_at",
    ]
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

    @admin.display(description=_("fixed by"), ordering="fixed_at")
    def fixed(self, correction):
        if correction.fixed_at is None:
            return "—"
        when = timezone.localtime(correction.fixed_at).strftime("%Y-%m-%d %H:%M")
        return f"{correction.fixed_by or '?'}, {when}"

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.set_status(obj.status, request.user)
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status):
        for correction in queryset.exclude(status=status):
            correction.set_status(status, request.user)
            correction.save(update_fields=["status", "fixed_by", "fixed_at", "updated_at"])

    @admin.action(description=_("Mark as fixed"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._set_status(request, queryset, CorrectionStatus.FIXED)

    @admin.action(description=_("Mark as rejected"), permissions=["change"])
    def mark_rejected(self, request, queryset):
        self._set_status(request, queryset, CorrectionStatus.REJECTED)


@admin.register(SearchCount)
class SearchCountAdmin(admin.ModelAdmin):
    """ "Czego szukają mieszkańcy": the finder's most frequent searches, and those that
    found nothing, over the last 7, 30 or 90 days. Read-only aggregate counts."""

    periods = (7, 30, 90)
    rows = 25

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # The daily command deletes rows after 13 months.

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            days = int(request.GET.get("days", 30))
        except ValueError:
            days = 30
        if days not in self.periods:
            days = 30
        counts = SearchCount.objects.since(timezone.localdate() - datetime.timedelta(days=days - 1))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": self.opts.verbose_name_plural,
            "days": days,
            "periods": self.periods,
            "top": self.with_links(counts.top(self.rows)),
            "top_found_nothing": self.with_links(counts.top(self.rows, found_nothing=True)),
            "months_kept": SEARCH_STATISTICS_MONTHS,
        }
        return TemplateResponse(request, "admin/search_statistics.html", context)

    @staticmethod
    def with_links(rows):
        return [{**row, "url": finder_search_url(row["query"], row["language"])} for row in rows]
