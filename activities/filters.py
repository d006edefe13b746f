import django_filters
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, AgeGroup, Topic, Weekday
from programmes.filters import DirectoryFilterSet
from programmes.models import Programme


class ActivityFilter(DirectoryFilterSet):
    """The activity finder: one definition for the page, exports and tests."""

    age = django_filters.ModelChoiceFilter(
        label=_("For whom?"),
        queryset=AgeGroup.objects.all(),
        to_field_name="slug",
        field_name="age_groups",
        empty_label=_("Everyone"),
        distinct=True,
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("What do you like?"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label=_("Anything"),
        distinct=True,
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        # A callable: "published" depends on today's date (visible from / until), so it
        # must not be fixed when the module is imported.
        queryset=lambda request: Programme.objects.published(),
        to_field_name="slug",
        field_name="programme",
        empty_label=_("Any programme"),
    )
    weekday = django_filters.ChoiceFilter(
        label=_("Day of the week"),
        choices=Weekday.choices,
        field_name="sessions__weekday",
        empty_label=_("Any day"),
        distinct=True,
    )

    indexable_filters = ("age",)
    landing_filters = ("district", "topic", "programme")

    class Meta:
        model = Activity
        fields = ["q", "district", "age", "topic", "programme", "weekday"]
