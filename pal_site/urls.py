from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from activities.views import home
from programmes.views import about, security_txt

admin.site.site_header = _("PAL Kraków: administration")
admin.site.site_title = _("PAL Kraków")
admin.site.index_title = _("Directory content")

urlpatterns = [
    path("admin/", admin.site.urls),
    path(".well-known/security.txt", security_txt, name="security_txt"),
]

# Polish lives at the root; /uk/ and /en/ will share these paths.
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("programy/", include("programmes.urls")),
    path("zajecia/", include("activities.urls")),
    path("o-programie/", about, name="about"),
    prefix_default_language=False,
)
