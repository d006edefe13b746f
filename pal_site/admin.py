from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import path
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
