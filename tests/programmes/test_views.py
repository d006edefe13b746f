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
    with django_assert_max_num_queries(11):  # one more for its photos
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
