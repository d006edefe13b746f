"""The activity finder's FilterSet: the one definition of what activities can be
filtered by, reused by the HTML page, exports and tests.
"""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, AgeGroup, FinderOrder, Language, Topic, Weekday
from programmes.filters import DirectoryFilterSet, PointFilter, VocabularyFilter
from programmes.models import Location, Programme


class TickBox(forms.CheckboxInput):
    """A tick box whose absence means "not chosen" (None), not "no": an unticked
    "Bez barier" must neither filter nor appear as a chip."""

    def value_from_datadict(self, data, files, name):
        return True if super().value_from_datadict(data, files, name) else None


class ActivityFilter(DirectoryFilterSet):
    """The activity finder: one definition for the page, exports and tests."""

    age = VocabularyFilter(
        label=_("For whom?"),
        queryset=AgeGroup.objects.all(),
        to_field_name="slug",
        field_name="age_groups",
        empty_label=_("Everyone"),
        # One age group matches at most one row per activity: no DISTINCT needed.
        distinct=False,
    )
    topic = VocabularyFilter(
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
    language = VocabularyFilter(
        label=_("Language of the activity"),
        queryset=Language.objects.all(),
        to_field_name="code",
        method="held_in",
        empty_label=_("Any language"),
        help_text=_("Only activities whose language the programme has confirmed."),
    )
    step_free = django_filters.BooleanFilter(
        label=_("Step-free places only"),
        method="at_step_free_places",
        widget=TickBox,
        help_text=_("Places staff marked step-free; places not checked yet are left out."),
    )

    near = PointFilter(
        label=_("Nearest to"),
        method="nearest_first",
        # Set by the "Sort by distance" button (static/js/near.js) from the browser's
        # position, kept by the form while the visitor changes other filters.
        widget=forms.HiddenInput,
    )

    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=FinderOrder.choices,
        # Ordering is not filtering: in_chosen_order() applies it after every filter,
        # since a search orders its matches by relevance.
        method="keep_rows",
        empty_label=_("Recommended"),
        # Chosen by the links above the results (order_links); the filter form only
        # carries it along.
        widget=forms.HiddenInput,
    )

    order_parameters = ("sort",)
    indexable_filters = ("age",)
    landing_filters = ("district", "topic", "programme")
    # What each `sort` choice calls on the filtered activities, after every filter
    # (in_chosen_order). "Nearest" is the `near` parameter instead: it needs the
    # visitor's position, and is offered in order_links once that is known.
    orders = {
        FinderOrder.ALPHABETICAL: "alphabetical",
        FinderOrder.SOONEST: "soonest_first",
    }

    def on_weekday(self, queryset, name, value):
        return queryset.on_weekday(value)

    def held_in(self, queryset, name, value):
        return queryset.held_in(value)

    def at_step_free_places(self, queryset, name, value):
        return queryset.step_free()

    @cached_property
    def places_with_unknown_access(self):
        """How many places of visible programmes nobody has checked for steps yet:
        said next to step-free results, so that a short list is not mistaken for all."""
        return Location.objects.of_visible_programmes().step_free_unknown().count()

    def nearest_first(self, queryset, name, value):
        return queryset.nearest_first(value)

    @property
    def near_point(self):
        """The visitor's position when the results are sorted by distance, else None."""
        return self.chosen().get("near")

    def keep_rows(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        return self.in_chosen_order(super().filter_queryset(queryset))

    def in_chosen_order(self, queryset):
        """The chosen order (or the queryset's own: recommended, or a search's by
        relevance); with a district chosen, those held there before the city-wide."""
        chosen = self.form.cleaned_data
        if chosen.get("sort"):
            queryset = getattr(queryset, self.orders[chosen["sort"]])()
        if chosen.get("district"):
            queryset = queryset.local_first(chosen["district"])
        return queryset

    @cached_property
    def order_links(self):
        """Each order offered, with the address of the results in it (from page 1)
        and whether it is the current one. "Nearest" is offered once the visitor's
        position is known (`near`); the recommended order leaves the position out."""
        chosen = self.form.cleaned_data if self.is_valid() else {}
        near = chosen.get("near")
        current = chosen.get("sort") or ("near" if near else "")
        # The form class's field: an unbound finder need not make its form for this.
        choices = list(self.get_form_class().base_fields["sort"].choices)
        if near:
            choices.insert(1, ("near", _("Nearest")))
        links = []
        for value, label in choices:
            # Unbound (no query string), the data is a plain empty dict.
            query = self.data.copy() if self.is_bound else QueryDict(mutable=True)
            query.pop("page", None)
            query.pop("sort", None)
            if not value:
                query.pop("near", None)
            elif value != "near":
                query["sort"] = value
            links.append({"label": label, "query": query.urlencode(), "current": value == current})
        return links

    @property
    def chosen_district(self):
        return self.chosen().get("district")

    class Meta:
        model = Activity
        fields = [
            "q",
            "district",
            "age",
            "topic",
            "programme",
            "weekday",
            "language",
            "step_free",
            "near",
            "sort",
        ]
