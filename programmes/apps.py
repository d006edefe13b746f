"""The programmes app: the PALs, their places, contacts and districts (the bottom layer)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from programmes import signals  # noqa: F401
        from programmes.content_version import track_changes

        track_changes(self)
