"""The activity finder's FilterSet: the one definition of what activities can be
filtered by, reused by the HTML page, exports and tests.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, AgeGroup, Topic, Weekday
from programmes.filters import DirectoryFilterSet, PointFilter
from programmes.models import Programme


class ActivityFilter(DirectoryFilterSet):
    """The activity finder: one definition for the page, exports and tests."""

    age = django_filters.ModelChoiceFilter(
        label=_("For whom?"),
        queryset=AgeGroup.objects.all(),
        to_field_name="slug",
        field_name="age_groups",
        empty_label=_("Everyone"),
        # One age group matches at most one row per activity: no DISTINCT needed.
        distinct=False,
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("What do you like?"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label=_("Anything"),
        distinct=False,
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        # A callable: "published" depends on today's date (visible from / until), so it
        # must not be fixed when the module is imported.
        queryset=lambda request: Programme.objects.published(),
        to_field_name="slug",
        field_name="programme",
        empty_label=_("Any programme"),
        # Reached from links, shown as a chip: a select of every programme in the
        # city would outweigh the page.
        widget=forms.HiddenInput,
    )
    weekday = django_filters.ChoiceFilter(
        label=_("Day of the week"),
        choices=Weekday.choices,
        method="on_weekday",
        empty_label=_("Any day"),
    )

    near = PointFilter(
        label=_("Nearest to"),
        method="nearest_first",
        # Set by the "Sort by distance" button (static/js/near.js) from the browser's
        # position, kept by the form while the visitor changes other filters.
        widget=forms.HiddenInput,
    )

    indexable_filters = ("age",)
    landing_filters = ("district", "topic", "programme")

    def on_weekday(self, queryset, name, value):
        return queryset.on_weekday(value)

    def nearest_first(self, queryset, name, value):
        return queryset.nearest_first(value)

    @property
    def near_point(self):
        """The visitor's position when the results are sorted by distance, else None."""
        return self.chosen().get("near")

    class Meta:
        model = Activity
        fields = ["q", "district", "age", "topic", "programme", "weekday", "near"]
