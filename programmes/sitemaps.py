"""Sitemap classes in every language (LocalizedSitemap) and the programmes' sitemap."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from programmes.models import Programme


class LocalizedSitemap(Sitemap):
    """Every page in every language of settings.LANGUAGES, with hreflang alternates,
    on the SITE_URL origin when it is set (else the request's)."""

    i18n = True
    alternates = True
    x_default = True

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)


class ProgrammeSitemap(LocalizedSitemap):
    def items(self):
        return Programme.objects.published().order_by("name", "pk")

    def lastmod(self, programme):
        return programme.updated_at
