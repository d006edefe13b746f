from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PalAdminSite(admin.AdminSite):
    """Django's admin site; its index counts new corrections from residents and the
    pages due for a check (both narrowed to a coordinator's programmes)."""

    site_header = _("PAL Kraków: administration")
    site_title = _("PAL Kraków")
    index_title = _("Directory content")
    index_template = "admin/pal_index.html"

    def index(self, request, extra_context=None):
        from activities.models import Activity, Correction
        from programmes.models import Programme

        user = request.user
        until = timezone.localdate() + timedelta(days=settings.REVIEW_NOTICE_DAYS)
        due = (
            Programme.objects.editable_by(user).due_for_review(until).count()
            + Activity.objects.editable_by(user).due_for_review(until).count()
        )
        corrections = Correction.objects.editable_by(user).new()
        context = {
            "new_corrections": corrections.count(),
            "due_for_review": due,
            **(extra_context or {}),
        }
        return super().index(request, context)


class PalAdminConfig(AdminConfig):
    default_site = "pal_site.admin.PalAdminSite"


def client_ip(request):
    """The visitor's address, for login throttling and the corrections rate limit.

    Behind our proxy (DJANGO_BEHIND_PROXY) it is the last X-Forwarded-For entry, the
    one the proxy itself appended; earlier entries come from the client and can be forged.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a plain Polish page and 429."""
    context = {
        **admin.site.each_context(request),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "title": _("Too many failed logins"),
    }
    return render(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
