from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from programmes.models import District, Location, Programme, StaffContact


@admin.register(District)
class DistrictAdmin(TranslationAdmin):
    list_display = ["numeral", "name", "slug"]
    search_fields = ["name", "numeral"]
    prepopulated_fields = {"slug": ["name"]}


class LocationInline(TranslationStackedInline):
    model = Location
    extra = 0
    autocomplete_fields = ["district"]
    fields = [
        ("name", "order"),
        ("address", "postal_code", "city"),
        "district",
        ("latitude", "longitude", "coordinates_source"),
        "accessibility",
    ]


class StaffContactInline(admin.TabularInline):
    model = StaffContact
    extra = 0
    fields = ["name", "role", "email", "phone", "order", "public"]


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["name", "status", "district_list", "last_verified", "published", "updated_at"]
    list_filter = ["status", "published", "districts", "citywide"]
    search_fields = ["name", "summary", "locations__address"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["districts"]
    date_hierarchy = "updated_at"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "published"]}),
        (_("Description"), {"fields": ["summary", "description", "audience"]}),
        (_("Area served"), {"fields": ["districts", "citywide"]}),
        (_("Freshness"), {"fields": ["last_verified", "source", "created_at", "updated_at"]}),
    ]

    def get_inlines(self, request, obj):
        # Imported here: `programmes` must not import `activities` at module level.
        from activities.admin import ActivityInline

        return [LocationInline, StaffContactInline, ActivityInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("districts")

    @admin.display(description=_("districts"))
    def district_list(self, programme):
        if programme.citywide:
            return _("whole city")
        return ", ".join(district.numeral for district in programme.districts.all())


@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ["address", "programme", "district", "has_coordinates"]
    list_filter = ["district", "programme"]
    search_fields = ["address", "name", "programme__name"]
    autocomplete_fields = ["programme", "district"]
    list_select_related = ["programme", "district"]

    @admin.display(boolean=True, description=_("coordinates"))
    def has_coordinates(self, location):
        return location.has_coordinates


@admin.register(StaffContact)
class StaffContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "programme", "public"]
    list_filter = ["public", "programme"]
    search_fields = ["name", "role", "programme__name"]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme"]
