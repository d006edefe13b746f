import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, AgeGroup, Topic, Weekday
from programmes.filters import ChipsMixin
from programmes.models import District, Programme

QUERY_MAX_LENGTH = 100


class ActivityFilter(ChipsMixin, django_filters.FilterSet):
    """The activity finder: one definition for the page, exports and tests."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("For example: angielski, siatkówka, logopeda."),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("Where?"),
        queryset=District.objects.all(),
        to_field_name="slug",
        method="in_district",
        empty_label=_("Anywhere in Kraków"),
    )
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
        queryset=Programme.objects.published(),
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

    class Meta:
        model = Activity
        fields = ["q", "district", "age", "topic", "programme", "weekday"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_district(self, queryset, name, value):
        return queryset.in_district(value)
