from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0012_source_notes'),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='review_interval',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(3, 'every 3 months'), (6, 'every 6 months'), (12, 'every 12 months')], help_text="How often someone should confirm this information. The next check is due this long after “information last checked”. Empty: the directory's default (every 6 months unless MOPS set another).", null=True, verbose_name='check every'),
        ),
    ]
