"""Turn an admin change form page back into the POST data its Save button would send."""


def _form_values(form, data):
    for name, field in form.fields.items():
        value = field.prepare_value(form[name].value())
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        else:
            data[form.add_prefix(name)] = str(value)


def post_data(response, **changes):
    data = {}
    _form_values(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_values(formset.management_form, data)
        for form in formset.initial_forms:
            _form_values(form, data)
        # Extra (empty) forms are left out, as a browser leaves them unchanged.
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())
    for name, value in changes.items():
        # Translated fields appear once per language (summary_pl, summary_uk…);
        # a change to `summary` is a change to the Polish original.
        data[f"{name}_pl" if f"{name}_pl" in data else name] = value
    return data
