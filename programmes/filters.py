import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes import search
from programmes.models import District, Programme


class DirectoryFilterSet(django_filters.FilterSet):
    """What every listing filters by (free text and district), and its chips.

    `chips()` gives one removable tag per chosen filter: its link is the
    current query string without that filter (and without the page number,
    since the result count changes).
    """

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=search.MAX_QUERY_LENGTH,
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

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_district(self, queryset, name, value):
        return queryset.in_district(value)

    def chips(self):
        if not self.is_bound or not self.form.is_valid():
            return []
        chips = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", [], ()):
                continue
            field = self.form[name]
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            chips.append(
                {
                    "label": field.label,
                    "value": _display(field.field, value),
                    "remove_query": remaining.urlencode(),
                }
            )
        return chips


def _display(form_field, value):
    if isinstance(value, models.Model):
        return str(value)
    for key, label in getattr(form_field, "choices", ()):
        if str(key) == str(value):
            return label
    return str(value)


class ProgrammeFilter(DirectoryFilterSet):
    class Meta:
        model = Programme
        fields = ["q", "district"]
