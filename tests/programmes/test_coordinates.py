"""Coordinates staff type in admin: messages at the field, before the database says no."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.admin_forms import post_data
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def errors_of(location):
    with pytest.raises(ValidationError) as raised:
        location.full_clean()
    return raised.value.message_dict


def test_it_asks_for_the_source_of_coordinates_at_that_field():
    location = LocationFactory.build(
        programme=LocationFactory().programme, latitude=Decimal("50.07"), longitude=Decimal("20.04")
    )
    assert "coordinates_source" in errors_of(location)


def test_it_asks_for_the_missing_half_of_a_pair():
    location = LocationFactory.build(
        programme=LocationFactory().programme, latitude=Decimal("50.07"), coordinates_source="GPS"
    )
    assert list(errors_of(location)) == ["longitude"]


def test_it_catches_latitude_and_longitude_swapped():
    location = LocationFactory.build(
        programme=LocationFactory().programme,
        latitude=Decimal("19.94"),
        longitude=Decimal("50.06"),
        coordinates_source="GPS",
    )
    assert "zamienione" in errors_of(location)["latitude"][0]


def test_it_accepts_a_place_in_krakow_with_its_source():
    location = LocationFactory.build(
        programme=LocationFactory().programme,
        latitude=Decimal("50.0614"),
        longitude=Decimal("19.9372"),
        coordinates_source="Pomiar telefonem przy wejściu",
    )
    location.full_clean()


def test_the_admin_form_says_what_is_missing_and_keeps_the_place_off_the_map(client):
    place = LocationFactory()
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "x"))
    url = reverse("admin:programmes_location_change", args=[place.pk])
    form = client.get(url)
    response = client.post(url, post_data(form, latitude="50.07", longitude="20.04"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Podaj, skąd pochodzą współrzędne" in errors["coordinates_source"][0]
    place.refresh_from_db()
    assert place.latitude is None


def test_the_admin_form_saves_typed_coordinates_with_their_source(client):
    place = LocationFactory()
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "x"))
    url = reverse("admin:programmes_location_change", args=[place.pk])
    form = client.get(url)
    data = post_data(
        form, latitude="50.0614", longitude="19.9372", coordinates_source="Pomiar przy wejściu"
    )
    assert client.post(url, data).status_code == 302
    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (Decimal("50.061400"), Decimal("19.937200"))
