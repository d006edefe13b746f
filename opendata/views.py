"""The read-only HSDS 3.0 API (/api/hsds/), with plain Django views.

Plain views rather than Django REST Framework: every response is an HSDS object built
by opendata/hsds.py, the paging envelope is HSDS's own, parameters are validated by
small forms (opendata/forms.py) and filtering reuses the finder's FilterSet, so DRF's
serializers, paginators and filter backends would each be replaced, and it would be a
dependency for eight GET endpoints.
"""

import hashlib
import json
import math
import uuid
from functools import wraps

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from activities.filters import ActivityFilter
from activities.models import Activity
from opendata import datapackage, feeds, forms, hsds, openapi
from programmes import seo
from programmes.models import Location, Programme
from programmes.querystring import query_parameters

JSON_TYPE = "application/json; charset=utf-8"
NDJSON_TYPE = "application/x-ndjson; charset=utf-8"
CHUNK = 500


class BadRequest(Exception):
    """A parameter that is malformed or names nothing: answered with a JSON 400."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def error(status, message, details=None):
    body = {"status": status, "message": message}
    if details:
        body["errors"] = details
    return JsonResponse(
        body, status=status, content_type=JSON_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def api_view(view):
    """GET/HEAD only, Polish texts, CORS for everyone, JSON errors, validators for 304.

    The 304 itself is answered by ConditionalGetMiddleware, which sits outside the page
    cache so that a cached copy is revalidated too. A view that reads parameters says
    which with @query_parameters (the page cache redirects any other away).
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = error(405, "Only GET is supported.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            with translation.override("pl"):
                try:
                    response = view(request, *args, **kwargs)
                except BadRequest as problem:
                    response = error(400, "Invalid parameters.", problem.errors)
                except Http404 as problem:
                    response = error(404, str(problem) or "Not found.")
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        # The texts are Polish whatever the visitor's browser asks for.
        response["Content-Language"] = "pl"
        # Other sites' pages may fetch the data (security_headers only sets defaults).
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    return wrapped


def json_response(data, last_modified=None):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    response = HttpResponse(body, content_type=JSON_TYPE)
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def parameters(form_class, request):
    form = form_class(request.GET)
    if not form.is_valid():
        raise BadRequest(form.errors.get_json_data())
    return form.cleaned_data


def absolute_url_for(request):
    return lambda path: seo.absolute_url(request, path)


def page_of(total, params):
    """(start, envelope) for page `page` of `per_page`; 404 past the last page."""
    size, number = params["per_page"], params["page"]
    pages = max(1, math.ceil(total / size))
    if number > pages:
        raise Http404(f"Page {number} does not exist: there are {pages}.")
    envelope = {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": 0,  # filled in with the number of items on this page
        "first_page": number == 1,
        "last_page": number == pages,
        "empty": total == 0,
    }
    return (number - 1) * size, envelope


def paged(items, params, last_modified=None):
    """A page of an in-memory list (taxonomies, terms, organizations) or all as ndjson."""
    if params["format"] == "ndjson":
        return ndjson(iter(items))
    start, envelope = page_of(len(items), params)
    envelope["contents"] = items[start : start + params["per_page"]]
    envelope["size"] = len(envelope["contents"])
    return json_response(envelope, last_modified)


def in_polish(pieces):
    """A streamed body is produced after the view returns: keep its texts Polish."""
    with translation.override("pl"):
        yield from pieces


def ndjson(rows):
    """Every result, one JSON object a line, streamed without pagination."""
    lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return StreamingHttpResponse(in_polish(lines), content_type=NDJSON_TYPE)


# --- Services ----------------------------------------------------------------------------


def filtered_services(request, params):
    """Published services narrowed by the HSDS parameters, through the finder's FilterSet."""
    data = {"q": params["search"]}
    if params["taxonomy_term_id"]:
        term = hsds.find_term(params["taxonomy_term_id"])
        if term is None:
            raise BadRequest({"taxonomy_term_id": [{"message": "No such taxonomy term."}]})
        data["topic" if isinstance(term, hsds.Topic) else "age"] = term.slug
    filterset = ActivityFilter(data, queryset=hsds.published_services(), request=request)
    if not filterset.is_valid():
        raise BadRequest(filterset.form.errors.get_json_data())
    services = filterset.qs
    if params["taxonomy_id"]:
        taxonomy = hsds.TAXONOMIES.get(params["taxonomy_id"])
        if taxonomy is None:
            raise BadRequest({"taxonomy_id": [{"message": "No such taxonomy."}]})
        through = Activity.topics if taxonomy["model"] is hsds.Topic else Activity.age_groups
        filed = through.through.objects.filter(activity=OuterRef("pk"))
        services = services.filter(Exists(filed))
    organization = params["organization_id"]
    if organization and organization != hsds.ORGANIZATION_ID:
        raise BadRequest({"organization_id": [{"message": "No such organization."}]})
    if params["modified_after"]:
        services = hsds.modified_after(services, params["modified_after"])
    return services


def services_in_pages(services):
    """All of `services` in order, CHUNK rows at a time: bounded memory at any size."""
    ids = list(services.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield from hsds.in_order(ids[start : start + CHUNK])


def service_list(request, services, params, to_json):
    if params["format"] == "ndjson":
        return ndjson(to_json(activity) for activity in services_in_pages(services))
    start, envelope = page_of(services.count(), params)
    rows = services.page(start, params["per_page"])
    envelope["contents"] = [to_json(activity) for activity in rows]
    envelope["size"] = len(envelope["contents"])
    return json_response(envelope, hsds.last_change())


@api_view
def root(request):
    absolute_url = absolute_url_for(request)
    return json_response(
        {
            "version": hsds.HSDS_VERSION,
            "profile": absolute_url(reverse("opendata:page")) + "#hsds",
            "openapi_url": absolute_url(reverse("hsds:openapi")),
        }
    )


@api_view
def openapi_document(request):
    return json_response(openapi.document(seo.absolute_url(request, reverse("hsds:root"))))


@query_parameters(*forms.ServiceParameters.base_fields)
@api_view
def services(request):
    params = parameters(forms.ServiceParameters, request)
    found = filtered_services(request, params)
    absolute_url = absolute_url_for(request)
    if params["minimal"]:

        def to_json(activity):
            return {
                "id": str(activity.uuid),
                "name": activity.title,
                "status": hsds.service_status(activity),
                "last_modified": hsds.service_last_modified(activity),
            }

    elif params["full"]:

        def to_json(activity):
            return hsds.service(activity, absolute_url)

    else:

        def to_json(activity):
            return hsds.service_summary(activity, absolute_url)

    return service_list(request, found, params, to_json)


def parse_id(value):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404("No such id.") from None


@api_view
def service_detail(request, pk):
    activity = hsds.published_services().filter(uuid=parse_id(pk)).first()
    if activity is None:
        raise Http404("No published service with this id.")
    return json_response(
        hsds.service(activity, absolute_url_for(request)),
        max(activity.updated_at, activity.programme.updated_at),
    )


@query_parameters(*forms.ServiceAtLocationParameters.base_fields)
@api_view
def service_at_locations(request):
    params = parameters(forms.ServiceAtLocationParameters, request)
    found = filtered_services(request, params).filter(location__isnull=False)
    if params["postcode"]:
        code = params["postcode"].replace("-", "")
        found = found.filter(location__postal_code__in=[code, f"{code[:2]}-{code[2:]}"])
    if params["proximity"] is not None:
        # HSDS measures from the postcode's centre; we know no postcode's coordinates.
        message = "Distances are not available: this directory has no postcode coordinates."
        raise BadRequest({"proximity": [{"message": message}]})

    def to_json(activity):
        return hsds.service_at_location(activity, nested=params["full"])

    return service_list(request, found, params, to_json)


@api_view
def service_at_location_detail(request, pk):
    activity_id = hsds.service_at_location_id(parse_id(pk))
    activity = hsds.published_services().filter(uuid=activity_id, location__isnull=False).first()
    if activity is None:
        raise Http404("No published service_at_location with this id.")
    data = hsds.service_at_location(activity) | {
        "service": hsds.service(activity, absolute_url_for(request))
    }
    return json_response(data, max(activity.updated_at, activity.programme.updated_at))


# --- Organizations, taxonomies -------------------------------------------------------------


def matches(query, *texts):
    """Every word of a search in one of a few fixed texts (organization, taxonomies)."""
    text = " ".join(texts).lower()
    return all(word in text for word in query.lower().split())


def full_organization():
    programmes = Programme.objects.published().order_by("sort_name", "pk")
    places = Location.objects.filter(programme__in=programmes).select_related("district")
    return hsds.organization() | {
        "programs": [hsds.program(programme) for programme in programmes],
        "locations": [hsds.location(place) for place in places],
    }


@query_parameters(*forms.OrganizationParameters.base_fields)
@api_view
def organizations(request):
    params = parameters(forms.OrganizationParameters, request)
    found = []
    if matches(params["search"], *hsds.ORGANIZATION.values()):
        found.append(full_organization() if params["full"] else hsds.organization())
    return paged(found, params, hsds.last_change())


@query_parameters(*forms.OrganizationDetailParameters.base_fields)
@api_view
def organization_detail(request, pk):
    params = parameters(forms.OrganizationDetailParameters, request)
    if parse_id(pk) != hsds.ORGANIZATION_ID:
        raise Http404("No such organization.")
    absolute_url = absolute_url_for(request)
    head = full_organization()
    services = hsds.published_services()

    def service_json(activity):
        if params["full_service"]:
            return hsds.service(activity, absolute_url)
        return {"id": str(activity.uuid), "name": activity.title}

    def body():
        # Thousands of services: streamed, so the whole document is never in memory.
        yield json.dumps(head, ensure_ascii=False)[:-1] + ',"services":['
        for index, activity in enumerate(services_in_pages(services)):
            yield ("," if index else "") + json.dumps(service_json(activity), ensure_ascii=False)
        yield "]}"

    response = StreamingHttpResponse(in_polish(body()), content_type=JSON_TYPE)
    last = hsds.last_change()
    if last:
        response["Last-Modified"] = http_date(last.timestamp())
    return response


@query_parameters(*forms.ListParameters.base_fields)
@api_view
def taxonomies(request):
    params = parameters(forms.ListParameters, request)
    absolute_url = absolute_url_for(request)
    found = [
        hsds.taxonomy(taxonomy_id, absolute_url)
        for taxonomy_id, details in hsds.TAXONOMIES.items()
        if matches(params["search"], details["name"], details["description"])
    ]
    return paged(found, params)


@api_view
def taxonomy_detail(request, pk):
    taxonomy_id = parse_id(pk)
    if taxonomy_id not in hsds.TAXONOMIES:
        raise Http404("No such taxonomy.")
    return json_response(hsds.taxonomy(taxonomy_id, absolute_url_for(request)))


@query_parameters(*forms.TaxonomyTermParameters.base_fields)
@api_view
def taxonomy_terms(request):
    params = parameters(forms.TaxonomyTermParameters, request)
    taxonomy_ids = list(hsds.TAXONOMIES)
    if params["taxonomy_id"]:
        if params["taxonomy_id"] not in hsds.TAXONOMIES:
            raise BadRequest({"taxonomy_id": [{"message": "No such taxonomy."}]})
        taxonomy_ids = [params["taxonomy_id"]]
    if params["parent_id"] and hsds.find_term(params["parent_id"]) is None:
        raise BadRequest({"parent_id": [{"message": "No such taxonomy term."}]})
    absolute_url = absolute_url_for(request)
    terms = []
    for taxonomy_id in taxonomy_ids:
        vocabulary = hsds.TAXONOMIES[taxonomy_id]["model"].objects.all()
        if params["search"]:
            vocabulary = vocabulary.filter(name__icontains=params["search"])
        terms += [hsds.taxonomy_term(term, absolute_url) for term in vocabulary]
    if params["parent_id"]:
        # Our taxonomies are flat: no term has a parent (and every term is "top only").
        terms = []
    return paged(terms, params)


@api_view
def taxonomy_term_detail(request, pk):
    term = hsds.find_term(parse_id(pk))
    if term is None:
        raise Http404("No such taxonomy term.")
    return json_response(hsds.taxonomy_term(term, absolute_url_for(request)))


@api_view
def datapackage_zip(request):
    """Everything in HSDS's tabular form; built once per change of content."""
    path = datapackage.package_path(absolute_url_for(request))
    response = FileResponse(path.open("rb"), as_attachment=True, filename="pal-krakow-hsds.zip")
    response["Content-Type"] = "application/zip"
    # The file's name holds the content's fingerprint.
    response["ETag"] = f'"{path.stem}"'
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    return response


@api_view
def not_found(request, rest=""):
    raise Http404("No such endpoint. See /api/hsds/openapi.json.")


# --- The "Otwarte dane" page -----------------------------------------------------------------


@require_GET
def page(request):
    absolute_url = absolute_url_for(request)
    return render(
        request,
        "opendata/page.html",
        {
            "licence_name": settings.OPEN_DATA_LICENCE_NAME,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
            "licence_confirmed": settings.OPEN_DATA_LICENCE_CONFIRMED,
            "api_root": absolute_url(reverse("hsds:root")),
            "openapi_url": absolute_url(reverse("hsds:openapi")),
            "datapackage_url": absolute_url(reverse("hsds:datapackage")),
            "dcat_url": absolute_url(reverse("hsds:dcat")),
            "csv_example": absolute_url(reverse("opendata:finder_csv") + "?age=dzieci"),
            "ics_example": absolute_url(reverse("opendata:finder_ics") + "?district=nowa-huta"),
        },
    )


@api_view
def dcat_catalogue(request):
    """The datasets described in DCAT-AP (RDF/XML), for dane.gov.pl and other portals."""
    absolute_url = absolute_url_for(request)
    last = hsds.last_change()
    body = render_to_string(
        "opendata/dcat.rdf",
        {
            "catalogue_url": absolute_url(reverse("hsds:dcat")),
            "page_url": absolute_url(reverse("opendata:page")),
            "api_root": absolute_url(reverse("hsds:root")),
            "openapi_url": absolute_url(reverse("hsds:openapi")),
            "datapackage_url": absolute_url(reverse("hsds:datapackage")),
            "csv_url": absolute_url(reverse("opendata:finder_csv")),
            "ics_url": absolute_url(reverse("opendata:finder_ics")),
            "organization": hsds.ORGANIZATION,
            "modified": last.isoformat(timespec="seconds") if last else "",
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
            "licence_name": settings.OPEN_DATA_LICENCE_NAME,
            "licence_confirmed": settings.OPEN_DATA_LICENCE_CONFIRMED,
        },
    )
    return HttpResponse(body, content_type="application/rdf+xml; charset=utf-8")


# --- The finder as CSV and calendars ------------------------------------------------------------

# A calendar of a whole city's activities would be unusable in any calendar app.
FEED_LIMIT = 500


def finder_results(request):
    """The finder's activities for the query string, with the finder's own FilterSet."""
    filterset = ActivityFilter(
        request.GET,
        queryset=Activity.objects.published().with_related().in_directory_order(),
        request=request,
    )
    if not filterset.is_valid():
        return None
    return filterset.qs


def bad_filters():
    return HttpResponse(
        gettext("These filters are not valid. Go back to the finder and choose again."),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@query_parameters(*ActivityFilter.base_filters)
@require_GET
def finder_csv(request):
    activities = finder_results(request)
    if activities is None:
        return bad_filters()
    language = translation.get_language()
    absolute_url = absolute_url_for(request)

    def lines():
        # Streamed after the view returns: keep the visitor's language meanwhile.
        with translation.override(language):
            total = activities.count()
            rows = (
                activity
                for start in range(0, total, CHUNK)
                for activity in activities.page(start, CHUNK)
            )
            yield from feeds.csv_lines(rows, absolute_url)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="zajecia-pal-krakow.csv"'
    return response


def ics_response(activities, name, request):
    body = feeds.calendar(activities, name, absolute_url_for(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pal-krakow.ics"'
    return response


@query_parameters(*ActivityFilter.base_filters)
@require_GET
def finder_ics(request):
    activities = finder_results(request)
    if activities is None:
        return bad_filters()
    return ics_response(
        activities.with_fixed_times()[:FEED_LIMIT], gettext("PAL Kraków activities"), request
    )


@require_GET
def activity_ics(request, slug):
    activity = get_object_or_404(Activity.objects.published().with_related(), slug=slug)
    if not activity.has_fixed_times:
        raise Http404
    return ics_response([activity], activity.title, request)


@require_GET
def programme_ics(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    activities = programme.activities.published().with_related().with_fixed_times()
    return ics_response(activities.in_directory_order(), programme.name, request)
