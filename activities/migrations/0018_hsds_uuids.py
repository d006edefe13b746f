"""Permanent open-data (HSDS) ids, in three steps so existing rows get distinct values:
a nullable column, a fresh uuid4 for every row, then NOT NULL and UNIQUE. And an index
on Activity.updated_at for the open data's Last-Modified and modified_after."""

import uuid

from django.db import migrations, models

MODELS = ['agegroup', 'topic', 'activity', 'weeklysession']


def give_each_row_an_id(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("activities", name)
        rows = []
        for row in model.objects.filter(uuid__isnull=True).only("pk").iterator(chunk_size=2000):
            row.uuid = uuid.uuid4()
            rows.append(row)
            if len(rows) == 2000:
                model.objects.bulk_update(rows, ["uuid"])
                rows = []
        model.objects.bulk_update(rows, ["uuid"])


class Migration(migrations.Migration):
    dependencies = [("activities", "0017_vocabulary")]

    operations = [
        migrations.AddField(
            model_name="agegroup",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="open data id"),
        ),
        migrations.AddField(
            model_name="topic",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="open data id"),
        ),
        migrations.AddField(
            model_name="activity",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="open data id"),
        ),
        migrations.AddField(
            model_name="weeklysession",
            name="uuid",
            field=models.UUIDField(editable=False, null=True, verbose_name="open data id"),
        ),
        migrations.RunPython(give_each_row_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agegroup",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Permanent id in the open data (HSDS); survives renames and re-imports.",
                unique=True,
                verbose_name="open data id",
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Permanent id in the open data (HSDS); survives renames and re-imports.",
                unique=True,
                verbose_name="open data id",
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Permanent id in the open data (HSDS); survives renames and re-imports.",
                unique=True,
                verbose_name="open data id",
            ),
        ),
        migrations.AlterField(
            model_name="weeklysession",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Permanent id in the open data (HSDS); survives renames and re-imports.",
                unique=True,
                verbose_name="open data id",
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["updated_at"], name="activity_updated_at"),
        ),
    ]
