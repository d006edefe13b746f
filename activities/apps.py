"""The activities app: what residents can join, built on the programmes app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from activities import signals  # noqa: F401
        from programmes.content_version import track_changes

        track_changes(self)
