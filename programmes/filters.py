import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import District, Programme


class ChipsMixin:
    """Adds `chips()`: one removable tag per chosen filter, for the template.

    A chip's link is the current query string without that filter (and
    without the page number, since the result count changes).
    """

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


class ProgrammeFilter(ChipsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("Where?"),
        queryset=District.objects.all(),
        to_field_name="slug",
        method="in_district",
        empty_label=_("Anywhere in Kraków"),
    )

    class Meta:
        model = Programme
        fields = ["q", "district"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_district(self, queryset, name, value):
        return queryset.in_district(value)
