from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        # The spreadsheet import and export read and write the HSDS data package too
        # (activities may not import opendata, so opendata plugs itself in).
        from activities import spreadsheet
        from opendata import hsds_import

        spreadsheet.FORMATS["zip"] = (hsds_import.read_package, hsds_import.write_package)
