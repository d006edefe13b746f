"""Admin for activities, vocabularies, partners, residents' corrections, the
"Do sprawdzenia" page and the search statistics.

Also re-registers the programme admin with its activities inline, so the
programmes app needs no knowledge of activities.
"""

import datetime
import io
import secrets

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from activities import import_jobs, spreadsheet
from activities.importer import CHANGED, CREATED, UNCHANGED, undo_import
from activities.models import (
    SEARCH_STATISTICS_MONTHS,
    Activity,
    ActivityKind,
    ActivityPhoto,
    ActivitySlugHistory,
    ActivityStatus,
    AgeGroup,
    Correction,
    CorrectionStatus,
    DirectoryImport,
    HowToJoin,
    Language,
    Partner,
    SearchCount,
    Timing,
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
from programmes.models import District, Programme, StepFreeAccess, is_editor

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


@admin.register(Language)
class LanguageAdmin(TranslationAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


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


class SpreadsheetAdminMixin:
    """Import from and export to a spreadsheet (activities/spreadsheet.py) on the change list.

    Import: upload -> preview (nothing saved) -> confirm (saved in one transaction as
    one history entry). Export: the change list as filtered, in the import's columns.
    """

    change_list_template = "admin/activities/activity/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="activities_activity_import"),
            path(
                "import/<str:token>/",
                view(self.import_job_view),
                name="activities_activity_import_job",
            ),
            path(
                "import/template.xlsx",
                view(self.template_view),
                name="activities_activity_import_template",
            ),
            path(
                "export/<str:file_format>/",
                view(self.export_view),
                name="activities_activity_export",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def import_context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Import activities from a spreadsheet"),
            "max_mb": spreadsheet.megabytes(settings.IMPORT_MAX_BYTES),
            "template_url": reverse("admin:activities_activity_import_template"),
            **extra,
        }

    def import_view(self, request):
        """Upload (a check starts) or confirm (saving starts); both go to the job's page."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        context = self.import_context(request)
        if request.method != "POST":
            return TemplateResponse(request, "admin/activities/activity/import.html", context)
        if "token" in request.POST:
            waiting = request.session.get("directory_import") or {}
            token = waiting.get("token", "")
            state = import_jobs.read_state(token) if waiting.get("ready") else None
            if (
                state is None
                or not secrets.compare_digest(token, request.POST["token"])
                or not import_jobs.upload_path(token).exists()
            ):
                context["problem"] = gettext("This preview has expired; choose the file again.")
                return TemplateResponse(
                    request, "admin/activities/activity/import.html", context, status=400
                )
            waiting["ready"] = False
            request.session["directory_import"] = waiting
            import_jobs.start(token, state["name"], request.user, commit=True)
            return redirect("admin:activities_activity_import_job", token=token)
        uploaded = request.FILES.get("file")
        problem = gettext("Choose a file to import.") if uploaded is None else None
        problem = problem or spreadsheet.size_problem(uploaded.size)
        if problem:
            context["problem"] = problem
            return TemplateResponse(
                request, "admin/activities/activity/import.html", context, status=400
            )
        token = secrets.token_urlsafe(24)
        with import_jobs.upload_path(token).open("wb") as file:
            for chunk in uploaded.chunks():
                file.write(chunk)
        request.session["directory_import"] = {"token": token, "name": uploaded.name}
        import_jobs.start(token, uploaded.name, request.user, commit=False)
        return redirect("admin:activities_activity_import_job", token=token)

    def import_job_view(self, request, token):
        """A running job's progress (the page reloads itself), then its preview or result."""
        waiting = request.session.get("directory_import") or {}
        if not self.has_import_permission(request):
            raise PermissionDenied
        if not secrets.compare_digest(waiting.get("token", ""), token):
            # Someone else's job, or one this session finished (a reload, the back button).
            self.message_user(
                request,
                gettext("That import is finished or not yours; start a new one."),
                messages.WARNING,
            )
            return redirect("admin:activities_activity_import")
        state = import_jobs.read_state(token)
        if state is None:
            raise Http404
        if request.GET.get("poll") and state["state"] not in (
            import_jobs.QUEUED,
            import_jobs.RUNNING,
        ):
            # The progress page's script asks; the page itself, loaded again, shows the
            # result (once: a saved import's message and session are used up there).
            return HttpResponse(status=204)
        template = "admin/activities/activity/import.html"
        if state["state"] == import_jobs.FAILED or import_jobs.is_stale(state):
            context = self.import_context(request, problem=import_jobs.failure_message())
            return TemplateResponse(request, template, context, status=503)
        if state["state"] != import_jobs.DONE:
            context = self.import_context(request, job=state, saving=state["commit"])
            return TemplateResponse(request, "admin/activities/activity/import_job.html", context)
        result = import_jobs.result_from_dict(state["result"])
        if state["commit"]:
            request.session.pop("directory_import", None)
            if result.saved:
                self.message_user(request, saved_message(result), messages.SUCCESS)
                return redirect("admin:activities_activity_changelist")
            # The directory changed since the preview, and a row no longer fits.
            context = self.import_context(request, result=result)
            return TemplateResponse(request, template, context, status=400)
        context = self.import_context(request, result=result)
        if result.ok and (result.counts[CREATED] or result.counts[CHANGED]):
            context["token"] = token
            request.session["directory_import"] = {**waiting, "ready": True}
        return TemplateResponse(request, template, context, status=200 if result.ok else 400)

    def template_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        file = io.BytesIO()
        with translation.override("pl"):
            spreadsheet.write_xlsx([template_example()], file, sheets=[template_lists()])
        return download(file.getvalue(), "wzor-importu-zajec.xlsx")

    def export_view(self, request, file_format):
        if not self.has_view_permission(request) or file_format not in ("xlsx", "csv"):
            raise PermissionDenied
        # The change list as the user sees it: their programmes, their filters and search.
        activities = self.get_changelist_instance(request).get_queryset(request)
        file = io.BytesIO()
        with translation.override("pl"):
            writer = spreadsheet.write_xlsx if file_format == "xlsx" else spreadsheet.write_csv
            writer(spreadsheet.export_rows(activities), file)
        name = f"zajecia-{timezone.localdate():%Y-%m-%d}.{file_format}"
        return download(file.getvalue(), name)


def saved_message(result):
    message = gettext(
        "Import saved: %(created)s created, %(changed)s changed, %(unchanged)s unchanged."
    ) % {
        "created": result.counts[CREATED],
        "changed": result.counts[CHANGED],
        "unchanged": result.counts[UNCHANGED],
    }
    if result.directory_import:
        url = reverse("admin:activities_directoryimport_change", args=[result.directory_import.pk])
        message = format_html('{} <a href="{}">{}</a>', message, url, gettext("Undo this import"))
    return message


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def download(data, name):
    response = HttpResponse(data, content_type=CONTENT_TYPES[name.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def template_example():
    """The template's example row: plainly an example, refused if imported unchanged."""
    example = {
        "programme": "slug-programu",
        "slug": "przyklad-szachy-dla-dzieci",
        "title_pl": "Przykład: szachy dla dzieci",
        "kind": spreadsheet.choice_label(ActivityKind, ActivityKind.CLASS),
        "status": spreadsheet.choice_label(ActivityStatus, ActivityStatus.RUNNING),
        "published": "nie",
        "summary_pl": "Jedno zdanie, które pokazuje się na karcie zajęć.",
        "age_groups": "Dzieci; Młodzież",
        "topics": "Gry i rozrywka",
        "address": "os. Przykładowe 1",
        "district": "XVIII Nowa Huta",
        "sessions": "wt 17:00–18:30; czw 16:00–17:30",
        "timing": spreadsheet.choice_label(Timing, Timing.FROM_DATE),
        "starts_on": "2024-09-01",
        "free_of_charge": "tak",
    }
    return [example.get(column.field, "") for column in spreadsheet.COLUMNS]


def template_lists():
    """The template's second sheet: every value the list columns accept."""
    rows = [[gettext("Allowed values"), "pl", "uk", "en"]]
    rows.append([])
    rows.append([gettext("Districts (name or numeral)")])
    rows += [
        [str(district), district.name_uk, district.name_en] for district in District.objects.all()
    ]
    for title, model in [(gettext("Age groups"), AgeGroup), (gettext("Topics"), Topic)]:
        rows += [[], [title]]
        rows += [[item.name_pl, item.name_uk, item.name_en] for item in model.objects.all()]
    rows += [[], [gettext("Languages (języki): name or code")]]
    rows += [
        [f"{item.name_pl} ({item.code})", item.name_uk, item.name_en]
        for item in Language.objects.all()
    ]
    for title, choices in [
        (gettext("Kinds (rodzaj)"), ActivityKind),
        (gettext("Statuses (status)"), ActivityStatus),
        (gettext("Timing (termin)"), Timing),
        (gettext("How to join (jak_się_zapisać)"), HowToJoin),
        (gettext("Step-free access (miejsce_bez_barier)"), StepFreeAccess),
    ]:
        rows += [[], [title]]
        rows += [[label] for label in spreadsheet.choices_in_polish(choices)]
    rows += [[], [gettext("Days of the week (zajęcia)")]]
    rows += [["pn, wt, śr, czw, pt, sob, nd"]]
    return gettext("Lists"), rows


@admin.register(Activity)
class ActivityAdmin(
    ActivityVersionsMixin,
    SpreadsheetAdminMixin,
    FreshnessAdminMixin,
    ScopedVersionAdmin,
    TranslationAdmin,
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
        "how_to_join",
        "languages",
    ]
    search_fields = ["title", "summary", "description", "programme__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["programme", "location", "partners"]
    filter_horizontal = ["age_groups", "topics", "languages"]
    list_select_related = ["programme", "location__district"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [WeeklySessionInline, ActivityPhotoInline]
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "kind", "status"]}),
        (_("Publishing"), {"fields": ["published", ("visible_from", "visible_until")]}),
        (_("Description"), {"fields": ["summary", "description"]}),
        (
            _("Who it is for"),
            {
                "fields": [
                    "age_groups",
                    ("min_age", "max_age"),
                    "audience_note",
                    "only_for",
                    "eligibility",
                ]
            },
        ),
        (
            _("Before going"),
            {"fields": ["how_to_join", "how_to_join_note", "what_to_bring", "languages"]},
        ),
        (_("Temporary notice"), {"fields": [("notice", "notice_until")]}),
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


@admin.register(DirectoryImport)
class DirectoryImportAdmin(admin.ModelAdmin):
    """Confirmed spreadsheet imports, each undone with one button."""

    list_display = ["file_name", "date", "user", "created_count", "changed_count", "undone_at"]
    list_select_related = ["revision__user"]
    fields = ["file_name", "date", "user", "created_count", "changed_count", "unchanged_count"]
    readonly_fields = fields
    change_form_template = "admin/activities/directoryimport/change_form.html"

    @admin.display(description=_("date"), ordering="revision__date_created")
    def date(self, directory_import):
        return directory_import.revision.date_created

    @admin.display(description=_("by"))
    def user(self, directory_import):
        return directory_import.revision.user or "—"

    # Whoever may change activities may see imports; the queryset narrows it.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("activities.change_activity")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        imports = super().get_queryset(request)
        if is_editor(request.user):
            return imports
        return imports.filter(revision__user=request.user)

    def may_undo(self, request, directory_import):
        if directory_import.undone_at:
            return False
        if is_editor(request.user):
            return True
        own = set(request.user.coordinated_programmes.values_list("pk", flat=True))
        # The activity admin knows which programme each kind of stored version belongs to.
        activity_admin = self.admin_site.get_model_admin(Activity)
        return all(
            activity_admin.version_programme_id(version) in own
            for version in directory_import.revision.version_set.all()
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/undo/",
                self.admin_site.admin_view(self.undo_view),
                name="activities_directoryimport_undo",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        directory_import = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "may_undo": directory_import is not None and self.may_undo(request, directory_import),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def undo_view(self, request, pk):
        directory_import = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method != "POST" or not self.may_undo(request, directory_import):
            raise PermissionDenied
        undo_import(directory_import, request.user)
        self.message_user(
            request,
            gettext("The import of %(file)s was undone.") % {"file": directory_import.file_name},
            messages.SUCCESS,
        )
        return redirect("admin:activities_directoryimport_changelist")
