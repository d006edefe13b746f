from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from activities.sitemaps import SITEMAPS
from activities.views import (
    DistrictLandingView,
    TopicLandingView,
    home,
    programme_correction,
    robots_txt,
)
from pal_site.middleware import query_parameters
from programmes.views import (
    about,
    accessibility_statement,
    easy_read,
    healthz,
    security_txt,
    site_share_image,
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", query_parameters("p")(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("share.png", site_share_image, name="share_image"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("healthz", healthz, name="healthz"),
]

# Polish lives at the root; /uk/ and /en/ will share these paths.
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    # "Zgłoś błąd" lives in `activities` (its Correction model refers to both apps).
    path("programy/<slug:slug>/zglos-blad/", programme_correction, name="programme_correction"),
    path("programy/", include("programmes.urls")),
    path("zajecia/", include("activities.urls")),
    path("dzielnice/<slug:slug>/", DistrictLandingView.as_view(), name="district"),
    path("tematy/<slug:slug>/", TopicLandingView.as_view(), name="topic"),
    path("o-programie/", about, name="about"),
    path("deklaracja-dostepnosci/", accessibility_statement, name="accessibility_statement"),
    path("tekst-latwy-do-czytania/", easy_read, name="easy_read"),
    prefix_default_language=False,
)

if settings.DEBUG or settings.LOCAL:
    # Uploaded photos under `make run` (django.conf.urls.static.static() needs DEBUG);
    # production serves media from its storage or proxy.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
