"""The query parameters of the HSDS API (openapi.json), validated like any form.

A value that is malformed or names nothing gets a 400 with the form's message, never
a 500 and never a silently ignored filter.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes import search

MAX_PER_PAGE = 500
DEFAULT_PER_PAGE = 50


class BooleanParameter(forms.TypedChoiceField):
    """`true` or `false`, as OpenAPI writes booleans in a query string."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=[("true", "true"), ("false", "false")],
            coerce=lambda value: value == "true",
            required=False,
            empty_value=False,
            **kwargs,
        )


class ListParameters(forms.Form):
    search = forms.CharField(required=False, max_length=search.MAX_QUERY_LENGTH, strip=True)
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PER_PAGE)
    format = forms.ChoiceField(required=False, choices=[("json", "json"), ("ndjson", "ndjson")])

    def clean(self):
        data = super().clean()
        data["page"] = data.get("page") or 1
        data["per_page"] = data.get("per_page") or DEFAULT_PER_PAGE
        data["format"] = data.get("format") or "json"
        return data


class ServiceParameters(ListParameters):
    taxonomy_term_id = forms.UUIDField(required=False)
    taxonomy_id = forms.UUIDField(required=False)
    organization_id = forms.UUIDField(required=False)
    modified_after = forms.DateTimeField(required=False)
    minimal = BooleanParameter()
    full = BooleanParameter()

    def clean_modified_after(self):
        moment = self.cleaned_data["modified_after"]
        try:
            # Year 1 with a +23:59 offset parses, then cannot be stored as UTC.
            return moment and moment.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(_("This date is out of range.")) from None


class ServiceAtLocationParameters(ServiceParameters):
    minimal = None
    postcode = forms.RegexField(
        required=False,
        regex=r"^\d{2}-?\d{3}$",
        error_messages={"invalid": _("A Polish postal code, e.g. 31-911.")},
    )
    # Understood, but answered 400: HSDS measures from a postcode's centre, and we know
    # no postcode's coordinates (see views.service_at_locations).
    proximity = forms.IntegerField(required=False, min_value=0, max_value=100_000)


class OrganizationParameters(ListParameters):
    full = BooleanParameter()
    full_service = BooleanParameter()


class OrganizationDetailParameters(forms.Form):
    full_service = BooleanParameter()


class TaxonomyTermParameters(ListParameters):
    taxonomy_id = forms.UUIDField(required=False)
    top_only = BooleanParameter()
    parent_id = forms.UUIDField(required=False)
