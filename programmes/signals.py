"""What follows a change to a programme: its search index and its old addresses.

Each app connects the signals of the models it owns; activities/signals.py
follows a programme's rename into its activities.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from programmes import search
from programmes.models import (
    Programme,
    record_slug_move,
    record_slug_removal,
    remember_stored_slug,
)


def keep_slug_history(model):
    """Old addresses of `model`'s pages lead to the renamed page, or answer 410 Gone."""
    pre_save.connect(remember_stored_slug, sender=model, dispatch_uid=f"stored-slug-{model}")
    post_save.connect(record_slug_move, sender=model, dispatch_uid=f"slug-move-{model}")
    post_delete.connect(record_slug_removal, sender=model, dispatch_uid=f"slug-gone-{model}")


keep_slug_history(Programme)


@receiver(post_save, sender=Programme)
def refresh_programme_search_index(sender, instance, raw, update_fields, **kwargs):
    """Rebuild the index when a save wrote a field it reads ("checked today" does not)."""
    if not raw and search.reads_changed(update_fields, Programme.search_index_reads):
        Programme.objects.filter(pk=instance.pk).refresh_search_index()


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
