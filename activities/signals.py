"""What follows a change to an activity (or its programme's name): its search
index, its old addresses. Connected in ActivitiesConfig.ready()."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from activities.models import Activity
from programmes import search
from programmes.models import Programme
from programmes.signals import keep_slug_history

keep_slug_history(Activity)


@receiver(post_save, sender=Activity)
def refresh_activity_search_index(sender, instance, raw, update_fields, **kwargs):
    """Rebuild the index when a save wrote a field it reads ("checked today" does not)."""
    reads = (*Activity.search_index_reads, "order", "programme", "only_for")
    if not raw and search.reads_changed(update_fields, reads):
        Activity.objects.filter(pk=instance.pk).refresh_search_index()


@receiver(post_save, sender=Programme)
def refresh_programme_activities(sender, instance, raw, update_fields, **kwargs):
    """Activities are found and sorted by their programme's name and `only_for`:
    follow a change of either."""
    if not raw and search.reads_changed(update_fields, ("name", "only_for")):
        instance.activities.refresh_search_index()
