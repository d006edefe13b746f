"""Activity pages: the finder, an activity, its share image and "Zgłoś błąd" form."""

from django.urls import path

from activities import views
from programmes.views import allow_own_geolocation

app_name = "activities"

urlpatterns = [
    # The only page that may ask the browser for its position ("Sort by distance from me").
    path("", allow_own_geolocation(views.ActivityListView.as_view()), name="list"),
    path("<slug:slug>/", views.ActivityDetailView.as_view(), name="detail"),
    path("<slug:slug>/share.png", views.activity_share_image, name="share_image"),
    path("<slug:slug>/zglos-blad/", views.activity_correction, name="correction"),
]
