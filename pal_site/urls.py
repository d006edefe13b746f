"""The root URL configuration: admin, the site-wide pages (pages/urls.py), the
open-data API and page (opendata/urls.py) and the two listings, Polish at the root and
the same paths behind /uk/ and /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from opendata.urls import api_urlpatterns, page_urlpatterns
from pages.urls import site_files

urlpatterns = [
    path("admin/", admin.site.urls),
    *site_files,
    path("api/", include(api_urlpatterns)),
]

urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("programy/", include("programmes.urls")),
    path("zajecia/", include("activities.urls")),
    path("otwarte-dane/", include(page_urlpatterns)),
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
