from django.db.models.signals import post_save
from django.dispatch import receiver

from programmes.models import Programme


@receiver(post_save, sender=Programme)
def refresh_activity_search_text(sender, instance, raw, **kwargs):
    """Activities are found by their programme's name, so follow a rename."""
    if not raw:
        instance.activities.refresh_search_text()
