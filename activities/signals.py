from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from activities.models import Activity, ActivitySlugHistory
from programmes.models import Programme


@receiver(post_save, sender=Programme)
def refresh_activity_search_text(sender, instance, raw, **kwargs):
    """Activities are found by their programme's name, so follow a rename."""
    if not raw:
        instance.activities.refresh_search_text()


@receiver(post_delete, sender=Activity)
def remember_removed_activity(sender, instance, **kwargs):
    """The address of a deleted activity answers 410 Gone, not a soft 404."""
    ActivitySlugHistory.objects.record_removal(instance.slug)
