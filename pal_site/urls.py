from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

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
    # Uploaded photos on a developer's machine; production serves media from its storage.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
