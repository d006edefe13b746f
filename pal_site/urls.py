from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from activities.views import home, programme_correction
from programmes.views import about

urlpatterns = [
    path("admin/", admin.site.urls),
]

# Polish lives at the root; /uk/ and /en/ will share these paths.
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    # "Zgłoś błąd" lives in `activities` (its Correction model refers to both apps).
    path("programy/<slug:slug>/zglos-blad/", programme_correction, name="programme_correction"),
    path("programy/", include("programmes.urls")),
    path("zajecia/", include("activities.urls")),
    path("o-programie/", about, name="about"),
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
