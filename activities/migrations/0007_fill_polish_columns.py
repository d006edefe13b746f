from django.db import migrations

# The Polish columns start as copies of the original ones (which stay as they were).
FIELDS = {
    "AgeGroup": ["name", "description"],
    "Topic": ["name", "description"],
    "Activity": [
        "title",
        "summary",
        "description",
        "audience_note",
        "eligibility",
        "cost_note",
        "timing_note",
    ],
}


def fill_polish_columns(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("activities", model_name)
        for row in model.objects.all():
            for field in fields:
                if not getattr(row, f"{field}_pl"):
                    setattr(row, f"{field}_pl", getattr(row, field))
            row.save(update_fields=[f"{field}_pl" for field in fields])


class Migration(migrations.Migration):
    dependencies = [("activities", "0006_translated_fields")]

    operations = [migrations.RunPython(fill_polish_columns, migrations.RunPython.noop)]
