import datetime

import pytest
from django.urls import reverse

from activities.models import ActivityKind, ActivityStatus
from programmes.models import ProgrammeStatus
from tests.factories import (
    ActivityFactory,
    LocationFactory,
    ProgrammeFactory,
    StaffContactFactory,
    district,
)

pytestmark = pytest.mark.django_db

PROGRAMMES = reverse("programmes:list")


def test_it_lists_published_programmes(client):
    ProgrammeFactory(name="PAL Na Skarpie")
    ProgrammeFactory(name="PAL Szkic", published=False)
    response = client.get(PROGRAMMES)
    assert [p.name for p in response.context["object_list"]] == ["PAL Na Skarpie"]


def test_it_filters_programmes_by_district(client):
    ProgrammeFactory(name="PAL Mistrzejowice", districts=[district("mistrzejowice")])
    ProgrammeFactory(name="PAL Na Skarpie", districts=[district("nowa-huta")])
    response = client.get(PROGRAMMES, {"district": "mistrzejowice"})
    assert [p.name for p in response.context["object_list"]] == ["PAL Mistrzejowice"]


def test_it_rejects_an_unknown_district_on_the_programme_list(client):
    assert client.get(PROGRAMMES, {"district": "nibylandia"}).status_code == 400


def test_it_lists_programmes_in_few_queries(client, django_assert_max_num_queries):
    for _ in range(10):
        programme = LocationFactory().programme
        programme.districts.set([district("nowa-huta")])
        ActivityFactory(programme=programme)
    with django_assert_max_num_queries(8):
        client.get(PROGRAMMES)


def test_it_shows_the_programme_name_as_the_heading(client):
    programme = ProgrammeFactory(name="PAL Mistrzejowice")
    response = client.get(programme.get_absolute_url())
    assert "<h1>PAL Mistrzejowice</h1>" in response.text


def test_it_shows_the_address_and_district(client):
    location = LocationFactory(address="ul. Kuczkowskiego 3/2U", district=district("mistrzejowice"))
    response = client.get(location.programme.get_absolute_url())
    assert "ul. Kuczkowskiego 3/2U, Kraków" in response.text
    assert "XV Mistrzejowice" in response.text


def test_it_hides_an_unpublished_programme(client):
    programme = ProgrammeFactory(published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_it_groups_activities_by_kind(client):
    programme = ProgrammeFactory()
    ActivityFactory(programme=programme, title="Wycieczka do ZOO", kind=ActivityKind.TRIP)
    ActivityFactory(programme=programme, title="Siatkówka", kind=ActivityKind.CLASS)
    text = client.get(programme.get_absolute_url()).text
    assert text.index("Siatkówka") < text.index("Wycieczka do ZOO")


def test_it_leaves_out_unpublished_activities(client):
    programme = ProgrammeFactory()
    ActivityFactory(programme=programme, title="Ukryty szkic", published=False)
    assert "Ukryty szkic" not in client.get(programme.get_absolute_url()).text


def test_it_marks_planned_activities(client):
    programme = ProgrammeFactory()
    ActivityFactory(programme=programme, status=ActivityStatus.PLANNED)
    assert "badge--planned" in client.get(programme.get_absolute_url()).text


def test_it_shows_a_programme_that_is_starting_soon(client):
    programme = ProgrammeFactory(status=ProgrammeStatus.STARTING_SOON)
    assert "badge--starting_soon" in client.get(programme.get_absolute_url()).text


def test_it_lists_only_public_contacts(client):
    programme = ProgrammeFactory()
    StaffContactFactory(programme=programme, name="Rafał Basista")
    StaffContactFactory(programme=programme, name="Osoba Prywatna", public=False)
    text = client.get(programme.get_absolute_url()).text
    assert "Rafał Basista" in text
    assert "Osoba Prywatna" not in text


def test_it_shows_when_the_information_was_checked(client):
    programme = ProgrammeFactory(last_verified=datetime.date(2026, 11, 2))
    assert 'datetime="2026-11-02"' in client.get(programme.get_absolute_url()).text


def test_it_says_honestly_when_nobody_checked_the_information(client):
    programme = ProgrammeFactory(last_verified=None)
    response = client.get(programme.get_absolute_url())
    assert 'class="freshness"' in response.text
    assert "datetime=" not in response.text


def test_it_shows_a_programme_in_few_queries(client, django_assert_max_num_queries):
    programme = LocationFactory().programme
    for _ in range(10):
        ActivityFactory(programme=programme)
    StaffContactFactory(programme=programme)
    with django_assert_max_num_queries(12):  # one more for its photos, one for languages
        client.get(programme.get_absolute_url())


def test_it_shows_the_about_page(client):
    assert client.get(reverse("about")).status_code == 200


def test_it_answers_unknown_pages_with_the_custom_404(client):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert "noindex" in response.text


def test_it_links_the_address_to_maps_without_coordinates(client):
    location = LocationFactory(address="os. Na Skarpie 35")
    text = client.get(location.programme.get_absolute_url()).text
    assert "openstreetmap.org/search?query=os.%20Na%20Skarpie%2035%2C%20Krak%C3%B3w" in text


def test_it_links_the_address_to_route_planners_without_coordinates(client):
    location = LocationFactory(address="os. Na Skarpie 35", postal_code="31-911")
    response = client.get(location.programme.get_absolute_url())
    query = "os.%20Na%20Skarpie%2035%2C%2031-911%2C%20Krak%C3%B3w"
    assert f"https://www.openstreetmap.org/search?query={query}" in response.text
    assert f"https://www.google.com/maps/search/?api=1&amp;query={query}" in response.text
    assert f"https://jakdojade.pl/krakow/trasa/?tn={query}" in response.text


def test_it_offers_no_map_for_places_without_coordinates(client):
    programme = LocationFactory().programme
    response = client.get(programme.get_absolute_url())
    assert reverse("programmes:map", args=[programme.slug]) not in response.text
    assert "Nie mamy jeszcze położenia tego miejsca na mapie" in response.text


def test_it_offers_the_map_only_as_a_link_so_the_page_contacts_no_tile_server(client, settings):
    location = LocationFactory(
        latitude="50.083000", longitude="20.030000", coordinates_source="pomiar MOPS"
    )
    response = client.get(location.programme.get_absolute_url())
    assert reverse("programmes:map", args=[location.programme.slug]) in response.text
    assert "tile.openstreetmap.org" not in response.text
    assert "leaflet" not in response.text.lower()
    assert "&amp;tc=50.083000:20.030000" in response.text


def test_the_map_page_pins_located_places_and_lists_the_others(client):
    located = LocationFactory(
        name="Siedziba <b>PAL</b>",
        latitude="50.083000",
        longitude="20.030000",
        coordinates_source="pomiar MOPS",
    )
    LocationFactory(programme=located.programme, address="os. Bez Pozycji 1")
    response = client.get(reverse("programmes:map", args=[located.programme.slug]))
    assert response.context["map_points"] == [
        {
            "name": "Siedziba <b>PAL</b>",
            "address": located.full_address,
            "lat": 50.083,
            "lon": 20.03,
        }
    ]
    assert "Siedziba \\u003Cb\\u003EPAL\\u003C/b\\u003E" in response.text  # escaped JSON
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in response.text
    assert "/static/leaflet/leaflet.js" in response.text
    assert "Nie ma go na mapie: nie znamy jeszcze jego położenia." in response.text
    assert '<meta name="robots" content="noindex, follow">' in response.text


def test_the_map_page_of_an_unpublished_programme_is_not_found(client):
    programme = ProgrammeFactory(published=False)
    assert client.get(reverse("programmes:map", args=[programme.slug])).status_code == 404


def test_the_programme_page_carries_its_address_for_the_printed_poster(client):
    programme = ProgrammeFactory()
    response = client.get(programme.get_absolute_url())
    assert f"http://testserver{programme.get_absolute_url()}</p>" in response.text


def test_only_the_map_page_lets_the_browser_fetch_tiles_also_when_cached(client):
    location = LocationFactory(
        latitude="50.083000", longitude="20.030000", coordinates_source="pomiar MOPS"
    )
    map_url = reverse("programmes:map", args=[location.programme.slug])
    first, cached = client.get(map_url), client.get(map_url)
    assert cached.headers["X-Page-Cache"] == "hit"
    for response in (first, cached):
        policy = response.headers["Content-Security-Policy"]
        assert "img-src 'self' https://tile.openstreetmap.org" in policy
    policy = client.get(location.programme.get_absolute_url()).headers["Content-Security-Policy"]
    assert "tile.openstreetmap.org" not in policy
