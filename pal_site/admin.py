"""The admin site (with the count of new corrections) and the login lockout page."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


class PalAdminSite(admin.AdminSite):
    """Django's admin site, with the count of new corrections from residents on its index."""

    site_header = _("PAL Kraków: administration")
    site_title = _("PAL Kraków")
    index_title = _("Directory content")
    index_template = "admin/pal_index.html"

    def index(self, request, extra_context=None):
        from activities.models import Correction

        corrections = Correction.objects.editable_by(request.user).new()
        context = {"new_corrections": corrections.count(), **(extra_context or {})}
        return super().index(request, context)


class PalAdminConfig(AdminConfig):
    default_site = "pal_site.admin.PalAdminSite"


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a plain Polish page and 429."""
    context = {
        **admin.site.each_context(request),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "title": _("Too many failed logins"),
    }
    return render(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
