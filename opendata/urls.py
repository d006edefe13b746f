"""Two sets of addresses: the API under /api/ (one language, the data's own) and the
visitor-facing page and feeds under /otwarte-dane/ (in the visitor's language)."""

from django.urls import path, re_path

from opendata import views

api_urlpatterns = (
    [
        path("dcat.rdf", views.dcat_catalogue, name="dcat"),
        path("hsds/", views.root, name="root"),
        path("hsds/openapi.json", views.openapi_document, name="openapi"),
        path("hsds/datapackage.zip", views.datapackage_zip, name="datapackage"),
        path("hsds/services", views.services, name="services"),
        path("hsds/services/<path:pk>", views.service_detail, name="service"),
        path("hsds/organizations", views.organizations, name="organizations"),
        path("hsds/organizations/<path:pk>", views.organization_detail, name="organization"),
        path("hsds/service_at_locations", views.service_at_locations, name="service_at_locations"),
        path(
            "hsds/service_at_locations/<path:pk>",
            views.service_at_location_detail,
            name="service_at_location",
        ),
        path("hsds/taxonomies", views.taxonomies, name="taxonomies"),
        path("hsds/taxonomies/<path:pk>", views.taxonomy_detail, name="taxonomy"),
        path("hsds/taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
        path("hsds/taxonomy_terms/<path:pk>", views.taxonomy_term_detail, name="taxonomy_term"),
        # Anything else under /api/hsds/ answers in JSON too.
        re_path(r"^hsds/(?P<rest>.*)$", views.not_found),
    ],
    "hsds",
)

page_urlpatterns = (
    [
        path("", views.page, name="page"),
        path("zajecia.csv", views.finder_csv, name="finder_csv"),
        path("zajecia.ics", views.finder_ics, name="finder_ics"),
        path("zajecia/<slug:slug>.ics", views.activity_ics, name="activity_ics"),
        path("programy/<slug:slug>.ics", views.programme_ics, name="programme_ics"),
    ],
    "opendata",
)
