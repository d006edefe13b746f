"""The public "Zgłoś błąd" (report an error) form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Correction, CorrectionKind


class CorrectionForm(forms.ModelForm):
    """What a resident says is wrong on a page; `website` is a honeypot for robots."""

    # Asked without a preselected answer: the resident says which it is.
    kind = forms.ChoiceField(
        label=_("What kind of problem is it?"),
        choices=CorrectionKind.choices,
        widget=forms.RadioSelect,
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Correction
        fields = ["kind", "message", "contact"]
        labels = {
            "message": _("What is wrong or out of date?"),
            "contact": _("Your e-mail or phone (optional)"),
        }
        help_texts = {
            "message": _("For example: the classes moved to Thursday, the phone number changed."),
            "contact": _("Only if you want MOPS staff to reply. We use it for nothing else."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}
