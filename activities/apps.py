from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from activities import signals  # noqa: F401
        from pal_site.middleware import connect_content_signals

        connect_content_signals()
