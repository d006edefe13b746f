from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from programmes.models import Programme, ProgrammeSlugHistory


@receiver(post_delete, sender=Programme)
def remember_removed_programme(sender, instance, **kwargs):
    """The address of a deleted programme answers 410 Gone, not a soft 404."""
    ProgrammeSlugHistory.objects.record_removal(instance.slug)


@receiver(pre_save)
def stamp_rows_loaded_without_dates(sender, instance, raw, **kwargs):
    """loaddata saves rows raw, which skips auto_now and auto_now_add.

    The seed fixtures carry no made-up creation dates: a row loaded without them
    gets the time it was loaded (which the sitemap then gives as its lastmod).
    """
    if not raw:
        return
    now = timezone.now()
    for field in sender._meta.concrete_fields:
        automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if automatic and getattr(instance, field.attname) is None:
            setattr(instance, field.attname, now)
