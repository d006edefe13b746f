"""Admin for programmes, places, contacts and districts, and what every content
admin shares: coordinators' scope, history with revert, freshness, photos.
"""

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from reversion.admin import VersionAdmin
from reversion.models import Version

from programmes.models import (
    District,
    Location,
    Programme,
    ProgrammePhoto,
    ProgrammeSlugHistory,
    StaffContact,
    is_editor,
)
from programmes.views import allow_map_tiles

# History: what django-reversion records. A programme's version carries its places,
# contacts and photos (edited on its page); an activity's carries its sessions and photos.
reversion.register(Location)
reversion.register(StaffContact)
reversion.register(ProgrammePhoto)
# Who coordinates a programme is not content: restoring an old version must not give
# back access that a central editor has taken away.
reversion.register(Programme, follow=["locations", "contacts", "photos"], exclude=["coordinators"])


def scoped(queryset, user):
    """Narrow a queryset of content to what the user may edit.

    Programmes by their coordinators; anything with a `programme` or an `activity`
    foreign key through it. Vocabularies (districts, topics…) are shared by all.
    """
    if is_editor(user):
        return queryset
    fields = {field.name for field in queryset.model._meta.fields}
    if queryset.model is Programme:
        return queryset.filter(coordinators=user.pk)
    if "programme" in fields:
        return queryset.filter(programme__coordinators=user.pk)
    if "activity" in fields:
        return queryset.filter(activity__programme__coordinators=user.pk)
    return queryset


def programme_id_of(obj):
    if isinstance(obj, Programme):
        return obj.pk
    if getattr(obj, "programme_id", None):
        return obj.programme_id
    if getattr(obj, "activity_id", None):
        return obj.activity.programme_id
    return None


def may_edit(user, obj):
    """May the user see and change this object (a programme or something in one)?"""
    if is_editor(user):
        return True
    programme_id = programme_id_of(obj)
    return programme_id is not None and user.coordinated_programmes.filter(pk=programme_id).exists()


class ProgrammeScopedAdminMixin:
    """Coordinators see and change only their own programmes and what belongs to them.

    Used by every content ModelAdmin and inline: change lists, change/delete/history
    views, inline rows (through their parent), foreign-key and many-to-many choices,
    autocompletes (they query the target's scoped admin) and actions (they act on the
    scoped change list). Central editors and superusers see everything.
    """

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user)

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(db).all()
        return scoped(queryset, request.user)

    def _in_scope(self, request, obj):
        return obj is None or obj.pk is None or may_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)


class ScopedInline(ProgrammeScopedAdminMixin):
    """Inline rows belong to the parent object, so its scope decides (obj is the parent)."""

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._in_scope(request, obj)


def _shorten(value, length=80):
    if value in (None, ""):
        return "—"
    text = str(value)
    return text if len(text) <= length else text[: length - 1] + "…"


class ScopedVersionAdmin(ProgrammeScopedAdminMixin, VersionAdmin):
    """History with revert and "recover deleted", limited to the coordinator's programmes.

    A revision may hold several objects (a bulk action by an editor); a coordinator
    may revert it only when every object in it belongs to one of their programmes.
    """

    history_latest_first = True
    object_history_template = "admin/pal_object_history.html"
    # Derived or automatic fields: not worth showing as changes.
    history_ignored_fields = {"search_text", "search_title", "updated_at", "renditions"}

    def version_programme_id(self, version):
        """The programme a stored version belonged to, read from its saved data.

        Admins of models that belong to a programme through another row (an
        activity's sessions) extend this.
        """
        if version._model is Programme:
            return int(version.object_id)
        return version.field_dict.get("programme_id")

    def _revision_in_scope(self, request, revision):
        if is_editor(request.user):
            return True
        own = set(request.user.coordinated_programmes.values_list("pk", flat=True))
        return all(self.version_programme_id(v) in own for v in revision.version_set.all())

    def history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        versions = Version.objects.get_for_object_reference(self.model, unquote(object_id))
        versions = list(versions.select_related("revision", "revision__user").order_by("pk"))
        action_list = []
        for previous, version in zip([None, *versions], versions, strict=False):
            url = reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revision",
                args=[quote(version.object_id), version.pk],
            )
            action_list.append(
                {
                    "revision": version.revision,
                    "url": url,
                    "changes": self.version_changes(previous, version),
                }
            )
        context = {"action_list": action_list[::-1], **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def version_changes(self, previous, version):
        """[(field label, before, after)] between two saved versions of an object."""
        if previous is None:
            return []
        before, after = previous.field_dict, version.field_dict
        changes = []
        fields = self.model._meta.concrete_fields
        names = {field.name for field in fields}
        for field in fields:
            if field.name in self.history_ignored_fields or field.attname not in after:
                continue
            if f"{field.name}_pl" in names:
                continue  # A translated field: its language columns (name_pl…) say what changed.
            old, new = before.get(field.attname), after.get(field.attname)
            if old == new:
                continue
            if field.is_relation:
                old = new = "…"  # Ids mean nothing to staff; the field's name is enough.
            changes.append((capfirst(field.verbose_name), _shorten(old), _shorten(new)))
        return changes

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        version = get_object_or_404(
            Version.objects.get_for_object_reference(self.model, unquote(object_id)), pk=version_id
        )
        if not self._revision_in_scope(request, version.revision):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def _deleted_versions(self, request):
        deleted = Version.objects.get_deleted(self.model).select_related("revision")
        if is_editor(request.user):
            return list(deleted)
        own = set(request.user.coordinated_programmes.values_list("pk", flat=True))
        return [version for version in deleted if self.version_programme_id(version) in own]

    def recoverlist_view(self, request, extra_context=None):
        context = {"deleted": self._deleted_versions(request), **(extra_context or {})}
        return super().recoverlist_view(request, context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(
            Version, pk=version_id, content_type=ContentType.objects.get_for_model(self.model)
        )
        if version not in self._deleted_versions(request) or not self._revision_in_scope(
            request, version.revision
        ):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def _save_before_delete(self, request, objects):
        # Content loaded from the seed has no history yet: keep a version to recover from.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Before deletion"))
            for obj in objects:
                reversion.add_to_revision(obj)

    def delete_model(self, request, obj):
        self._save_before_delete(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._save_before_delete(request, queryset)
        super().delete_queryset(request, queryset)


class NotCheckedRecentlyFilter(admin.SimpleListFilter):
    title = _("freshness")
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [("stale", _("not checked for six months"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        return queryset


def mark_checked(user, objects, with_changes=False):
    """Record that someone confirmed these items today: their next check moves on.

    One history entry says whether the check found something to change, so a
    central editor can tell a glance from a correction.
    """
    today = timezone.localdate()
    comment = _("Information checked, with changes") if with_changes else _("Information checked")
    count = 0
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(str(comment))
        for obj in objects:
            obj.last_verified = today
            obj.save(update_fields=["last_verified", "updated_at"])
            count += 1
    return count


def checked_message(count):
    return ngettext(
        "%(count)d item marked as checked today.",
        "%(count)d items marked as checked today.",
        count,
    ) % {"count": count}


class FreshnessAdminMixin:
    """ "Last checked" and "check due" columns, a stale filter and "checked" actions."""

    actions = ["mark_checked_today", "mark_checked_with_changes"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_review_due()

    @admin.action(description=_("Information checked today"), permissions=["change"])
    def mark_checked_today(self, request, queryset):
        count = mark_checked(request.user, queryset)
        self.message_user(request, checked_message(count), messages.SUCCESS)

    @admin.action(description=_("Information checked today, with changes"), permissions=["change"])
    def mark_checked_with_changes(self, request, queryset):
        count = mark_checked(request.user, queryset, with_changes=True)
        self.message_user(request, checked_message(count), messages.SUCCESS)

    @admin.display(description=_("last checked"), ordering="last_verified")
    def checked(self, obj):
        if obj.last_verified is None:
            return format_html('<span class="stale">{}</span>', _("never"))
        if obj.is_stale:
            return format_html(
                '<span class="stale">{} ⚠</span>', obj.last_verified.strftime("%Y-%m-%d")
            )
        return obj.last_verified.strftime("%Y-%m-%d")

    @admin.display(description=_("check due"), ordering="review_due")
    def check_due(self, obj):
        if obj.review_due <= timezone.localdate():
            return format_html('<span class="stale">{} ⚠</span>', obj.review_due.isoformat())
        return obj.review_due.isoformat()


class PhotoInlineMixin(ScopedInline):
    extra = 0
    fields = [
        "preview",
        "image",
        "alt_text",
        "caption",
        ("shows_people", "people_consent"),
        ("published", "order"),
    ]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        if not photo.pk or not photo.renditions:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="160">', photo.sources()[0]["jpeg"], photo.alt_text
        )


@admin.register(District)
class DistrictAdmin(TranslationAdmin):
    list_display = ["numeral", "name", "slug"]
    search_fields = ["name", "numeral"]
    prepopulated_fields = {"slug": ["name"]}


# Said next to the fields rather than on the model: a help_text there would be a migration
# for words only.
COORDINATE_HELP = {
    "latitude": _(
        "Decimal degrees north, e.g. 50.0614 (Kraków: about 50.0). Leave empty when unknown: "
        "the place is then not on the map, and “distance unknown” in the finder."
    ),
    "longitude": _("Decimal degrees east, e.g. 19.9372 (Kraków: about 20.0)."),
}


class LocationForm(forms.ModelForm):
    """Typed coordinates, checked field by field in Location.clean()."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in COORDINATE_HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text


class LocationMapForm(LocationForm):
    """The location's own admin page adds a small map to pick the point on
    (static/js/admin_coordinates.js); it loads Leaflet and tiles only when pressed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "latitude" in self.fields:
            self.fields["latitude"].widget.attrs.update(
                {
                    "data-map-picker": "",
                    "data-tile-url": settings.MAP_TILE_URL,
                    "data-leaflet-css": static("leaflet/leaflet.css"),
                    "data-leaflet-js": static("leaflet/leaflet.js"),
                    "data-attribution": gettext("© OpenStreetMap contributors"),
                    "data-button": gettext("Pick the point on a map"),
                    "data-hint": gettext(
                        "Click the entrance on the map: latitude and longitude are filled in. "
                        "Then say in “source of coordinates” how you checked it, e.g. "
                        "“OpenStreetMap, checked on site”. The map loads from the "
                        "OpenStreetMap servers only after you press the button."
                    ),
                }
            )

    class Media:
        js = ["js/admin_coordinates.js"]


class LocationInline(ScopedInline, TranslationStackedInline):
    model = Location
    form = LocationForm
    extra = 0
    autocomplete_fields = ["district"]
    fields = [
        ("name", "order"),
        ("address", "postal_code", "city"),
        "district",
        ("latitude", "longitude", "coordinates_source"),
        ("step_free", "accessibility"),
    ]


class StaffContactInline(ScopedInline, admin.TabularInline):
    model = StaffContact
    extra = 0
    fields = ["name", "role", "email", "phone", "order", "public"]


class ProgrammePhotoInline(PhotoInlineMixin, admin.StackedInline):
    model = ProgrammePhoto


@admin.register(Programme)
class ProgrammeAdmin(FreshnessAdminMixin, ScopedVersionAdmin, TranslationAdmin):
    list_display = [
        "name",
        "status",
        "district_list",
        "checked",
        "check_due",
        "published",
        "updated_at",
    ]
    list_filter = [NotCheckedRecentlyFilter, "status", "published", "districts", "citywide"]
    search_fields = ["name", "summary", "locations__address"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["districts", "coordinators"]
    date_hierarchy = "updated_at"
    readonly_fields = ["created_at", "updated_at"]
    # activities/admin.py registers a subclass that adds the programme's activities.
    inlines = [LocationInline, StaffContactInline, ProgrammePhotoInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status"]}),
        (_("Publishing"), {"fields": ["published", ("visible_from", "visible_until")]}),
        (_("Description"), {"fields": ["summary", "description", "audience", "only_for"]}),
        (_("Temporary notice"), {"fields": [("notice", "notice_until")]}),
        (_("Area served"), {"fields": ["districts", "citywide"]}),
        (
            _("Freshness"),
            {
                "fields": [
                    "last_verified",
                    "review_interval",
                    "source",
                    "source_year",
                    "source_note",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        (_("Coordinators"), {"fields": ["coordinators"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not is_editor(request.user):
            return [*readonly, "coordinators"]
        return readonly

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("districts")

    @admin.display(description=_("districts"))
    def district_list(self, programme):
        if programme.citywide:
            return _("whole city")
        return ", ".join(district.numeral for district in programme.districts.all())


@admin.register(Location)
class LocationAdmin(ScopedVersionAdmin, TranslationAdmin):
    form = LocationMapForm
    list_display = ["address", "programme", "district", "step_free", "has_coordinates"]
    list_filter = ["district", "step_free", ("programme", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["address", "name", "programme__name"]
    autocomplete_fields = ["programme", "district"]
    list_select_related = ["programme", "district"]

    @admin.display(boolean=True, description=_("coordinates"))
    def has_coordinates(self, location):
        return location.has_coordinates

    def changeform_view(self, request, *args, **kwargs):
        # Only this page of the admin may load map tiles (for the picker, once pressed).
        return allow_map_tiles(super().changeform_view)(request, *args, **kwargs)


@admin.register(StaffContact)
class StaffContactAdmin(ScopedVersionAdmin):
    list_display = ["name", "role", "programme", "public"]
    list_filter = ["public", ("programme", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "role", "programme__name"]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme"]


@admin.register(ProgrammeSlugHistory)
class ProgrammeSlugHistoryAdmin(admin.ModelAdmin):
    """Old addresses are recorded on rename and delete; staff may correct them here."""

    list_display = ["slug", "programme", "created_at"]
    search_fields = ["slug", "programme__name"]
    autocomplete_fields = ["programme"]
