"""Programme pages: the listing, a programme, its map and its share image."""

from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="detail"),
    # The only pages whose Content-Security-Policy lets the browser fetch map tiles.
    path("<slug:slug>/mapa/", views.allow_map_tiles(views.ProgrammeMapView.as_view()), name="map"),
    path("<slug:slug>/share.png", views.programme_share_image, name="share_image"),
]
