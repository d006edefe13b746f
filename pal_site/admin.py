"""The admin site (with the counts of new corrections and of pages due for a check) and
the login lockout page."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.visitors import client_ip


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

    def get_urls(self):
        urls = [url for url in super().get_urls() if getattr(url, "name", "") != "view_on_site"]
        scoped_view_on_site = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [scoped_view_on_site, *urls]

    def view_on_site(self, request, content_type_id, object_id):
        """ "View on site" for what this user may see in admin only, like every admin view.

        Django's own shortcut would tell a coordinator the public address of another
        programme's draft or of a resident's correction.
        """
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            model_admin = self._registry[model]
            obj = model_admin.get_queryset(request).filter(pk=object_id).first()
        except (ContentType.DoesNotExist, KeyError, ValueError, ValidationError) as error:
            raise Http404 from error
        if obj is None:
            raise Http404
        if not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def login(self, request, extra_context=None):
        if request.method == "POST" and address_throttled(request):
            return lockout(request)
        return super().login(request, extra_context)


class PalAdminConfig(AdminConfig):
    default_site = "pal_site.admin.PalAdminSite"

    def ready(self):
        super().ready()
        user_login_failed.connect(count_failure_by_address, dispatch_uid="pal-login-failures")


def _address_key(request):
    return f"login-failures:{client_ip(request)}"


def count_failure_by_address(sender, credentials, request=None, **kwargs):
    """Failures from one address, whatever usernames it tries (django-axes counts pairs)."""
    from programmes.models import RateLimit

    if request is not None and settings.AXES_ENABLED:
        RateLimit.objects.hit(_address_key(request), settings.AXES_COOLOFF_TIME)


def address_throttled(request):
    from programmes.models import RateLimit

    failures = RateLimit.objects.count(_address_key(request), settings.AXES_COOLOFF_TIME)
    return settings.AXES_ENABLED and failures >= settings.LOGIN_FAILURES_PER_ADDRESS


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a plain Polish page and 429."""
    context = {
        **admin.site.each_context(request),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "title": _("Too many failed logins"),
    }
    return render(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
