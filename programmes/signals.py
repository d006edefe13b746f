from django.db.models.signals import post_delete
from django.dispatch import receiver

from programmes.models import Programme, ProgrammeSlugHistory


@receiver(post_delete, sender=Programme)
def remember_removed_programme(sender, instance, **kwargs):
    """The address of a deleted programme answers 410 Gone, not a soft 404."""
    ProgrammeSlugHistory.objects.record_removal(instance.slug)
