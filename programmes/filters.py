"""The programme listing's FilterSet, and DirectoryFilterSet: free text, district,
chips and canonical addresses shared by every listing.
"""

import copy
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from programmes import distance, search
from programmes.fragments import cached_value
from programmes.models import District, Programme


class PointField(forms.CharField):
    """A visitor's position as `latitude,longitude`, cleaned to a rounded distance.Point."""

    def to_python(self, value):
        value = super().to_python(value)
        return distance.parse_point(value) if value else None


class PointFilter(django_filters.Filter):
    field_class = PointField


class VocabularyChoiceField(django_filters.fields.ModelChoiceField):
    """The row chosen from every row of a short table (a district, an age group, a
    topic), kept like a fragment per content version (cached_value): a filtered page
    would otherwise read each chosen row with a query of its own."""

    def to_python(self, value):
        if not isinstance(value, str) or value in self.empty_values:
            return super().to_python(value)
        model = self.queryset.model
        return cached_value(
            ["vocabulary choice", model._meta.label, self.to_field_name or "pk", value],
            # An unknown value raises ValidationError, and nothing is kept.
            lambda: super(VocabularyChoiceField, self).to_python(value),
        )

    def __deepcopy__(self, memo):
        # Each form copies its fields, and Django a ModelChoiceField's queryset with it
        # (twice), lest one form's choices be cached for the next. This queryset is
        # never read itself (choices iterate it without a cache, a value is looked up
        # by .get() on a copy), so every form shares it.
        result = forms.Field.__deepcopy__(self, memo)
        result._queryset = self._queryset
        result.widget.choices = result.choices
        return result


class VocabularyFilter(django_filters.ModelChoiceFilter):
    """A choice of one row of a short table, all of whose rows are offered."""

    field_class = VocabularyChoiceField

    def __init__(self, *args, queryset, **kwargs):
        # The kept rows are keyed by the model alone: no other queryset may be given.
        assert not callable(queryset) and not queryset.query.where, queryset
        super().__init__(*args, queryset=queryset, **kwargs)


class FilterCopies(dict):
    """A FilterSet's `base_filters`, which django-filter deep-copies for every FilterSet,
    that is for every request: a third of a millisecond of labels, widgets, choices
    and querysets copied. A filter keeps nothing of a request but its FilterSet
    (`parent`) and model, set on each copy, so each filter is copied shallowly, its
    method bound to the copy."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, base in self.items():
            filter_ = copy.copy(base)
            if filter_.method is not None:
                # The copy's own FilterMethod: the base's calls the base's parent.
                filter_.method = filter_.method
            copies[name] = filter_
        return copies


# Each listing's form class, per language: (the day it was built for, the class).
_form_classes = {}


class DirectoryFilterSet(django_filters.FilterSet):
    """What every listing filters by (free text and district), and its chips.

    `chips` gives one removable tag per chosen filter: its link is the
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
    district = VocabularyFilter(
        label=_("Where?"),
        queryset=District.objects.all(),
        to_field_name="slug",
        method="in_district",
        empty_label=_("Anywhere in Kraków"),
    )

    @classmethod
    def get_filters(cls):
        return FilterCopies(super().get_filters())

    # Filters whose one-filter pages are worth indexing as they are (e.g. `?age=dzieci`).
    indexable_filters = ()
    # Filters whose chosen value has a page of its own (`get_absolute_url`), the nearest
    # first: search engines are sent there from filtered listings.
    landing_filters = ("district",)

    # The visitor's search, analysed once (search.Query): it filters the rows and
    # highlights the words on the page's cards.
    search_query = ""

    def search(self, queryset, name, value):
        self.search_query = search.Query(value)
        return queryset.search(self.search_query)

    def in_district(self, queryset, name, value):
        return queryset.in_district(value)

    # Parameters that order the rows rather than narrow them (e.g. `sort`): no chip,
    # and a listing in another order is not a page of its own for search engines.
    order_parameters = ()

    def get_form_class(self):
        """django-filter's form class, built once a day per language, not per request.

        Building it makes a form field of every filter (querysets, choices, widgets),
        more work than the rest of the filtering; each form still copies the fields it
        is given. So a filter's field may depend on the day (a callable queryset of
        what is published today) but never on the request or the visitor.
        """
        key = (type(self), translation.get_language())
        today = timezone.localdate()
        day, form_class = _form_classes.get(key, (None, None))
        if day != today:
            form_class = super().get_form_class()
            _form_classes[key] = (today, form_class)
        return form_class

    @property
    def checked_form(self):
        """The form when there is input to check, else None: a listing without a query
        string has no errors to show, and need not make its form to say so."""
        return self.form if self.is_bound else None

    def chosen(self):
        """The valid, non-empty filter values, by filter name (orders left out)."""
        if not self.is_bound or not self.form.is_valid():
            return {}
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "", [], ()) and name not in self.order_parameters
        }

    def reordered(self):
        """Whether the visitor chose an order of their own."""
        return self.is_bound and any(self.data.get(name) for name in self.order_parameters)

    def canonical(self, path, page_number=1):
        """(address, indexable): where search engines should look for this listing.

        No filter: the listing itself, page by page. One filter with a page of its
        own: that page. One indexable filter: this listing with just that filter.
        Anything else (several filters, free-text search, invalid input) is not
        indexed and points to the nearest page of its own, or the listing. The same
        filters in another order point to their page in the listing's own order.
        """
        if self.is_bound and not self.form.is_valid():
            return path, False
        if self.reordered():
            address, _indexable = self._canonical(path, page_number)
            return address, False
        return self._canonical(path, page_number)

    def _canonical(self, path, page_number):
        chosen = self.chosen()
        page = {"page": page_number} if page_number > 1 else {}
        if not chosen:
            return path + (f"?{urlencode(page)}" if page else ""), True
        if len(chosen) == 1:
            [(name, value)] = chosen.items()
            if name in self.indexable_filters:
                return f"{path}?{urlencode({name: self.data[name], **page})}", True
            if name in self.landing_filters:
                return value.get_absolute_url(), True
        for name in self.landing_filters:
            if name in chosen:
                return chosen[name].get_absolute_url(), False
        return path, False

    @cached_property
    def chips(self):
        """Computed once per request: the page title, description and chips all read it."""
        chips = []
        for name, value in self.chosen().items():
            field = self.form[name]
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            # A ticked box (e.g. "Bez barier") is named by its label alone.
            label, shown = ("", field.label) if value is True else (field.label, None)
            chips.append(
                {
                    "label": label,
                    "value": shown or _display(field.field, value),
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
