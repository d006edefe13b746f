"""Every public address outside the programme and activity listings.

`site_files` are answered at the root in every language (robots.txt and the like);
`urlpatterns` are pages, behind the language prefix. Their names are short and
un-namespaced (`home`, `about`, `district`), so this module sets no `app_name`.
The district and topic pages and the programme's "Zgłoś błąd" form are views of
the activities app: they list or report activities.
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from activities.sitemaps import SITEMAPS
from activities.views import (
    DistrictLandingView,
    TopicLandingView,
    WeekView,
    programme_correction,
    shortlist,
)
from pages import views
from programmes.querystring import query_parameters
from programmes.views import allow_map_tiles, city_map

site_files = [
    path("sitemap.xml", query_parameters("p")(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("share.png", views.site_share_image, name="share_image"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("o-programie/", views.about, name="about"),
    path("deklaracja-dostepnosci/", views.accessibility_statement, name="accessibility_statement"),
    path("tekst-latwy-do-czytania/", views.easy_read, name="easy_read"),
    path("w-tym-tygodniu/", WeekView.as_view(), name="this_week"),
    path("dzielnice/<slug:slug>/", DistrictLandingView.as_view(), name="district"),
    path("tematy/<slug:slug>/", TopicLandingView.as_view(), name="topic"),
    path("programy/<slug:slug>/zglos-blad/", programme_correction, name="programme_correction"),
    path("moja-lista/", shortlist, name="shortlist"),
    # Its Content-Security-Policy lets the browser fetch map tiles (after a press).
    path("mapa/", allow_map_tiles(city_map), name="city_map"),
]
