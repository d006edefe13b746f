import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActivityFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def programme_url(slug):
    return reverse("programmes:detail", kwargs={"slug": slug})


def activity_url(slug):
    return reverse("activities:detail", kwargs={"slug": slug})


def rename(obj, slug):
    obj.slug = slug
    obj.save()


def test_it_redirects_the_old_address_of_a_renamed_programme_permanently(client):
    programme = ProgrammeFactory(slug="stary-adres")
    rename(programme, "nowy-adres")
    response = client.get(programme_url("stary-adres"))
    assert response.status_code == 301
    assert response["Location"] == programme_url("nowy-adres")


def test_it_sends_every_older_address_to_the_current_one(client):
    programme = ProgrammeFactory(slug="pierwszy")
    rename(programme, "drugi")
    rename(programme, "trzeci")
    assert client.get(programme_url("pierwszy"))["Location"] == programme_url("trzeci")


def test_it_serves_a_programme_renamed_back_to_an_old_address(client):
    programme = ProgrammeFactory(slug="pierwszy")
    rename(programme, "drugi")
    rename(programme, "pierwszy")
    assert client.get(programme_url("pierwszy")).status_code == 200
    assert client.get(programme_url("drugi"))["Location"] == programme_url("pierwszy")


def test_it_answers_410_for_a_deleted_programme(client):
    programme = ProgrammeFactory(slug="zamkniety")
    programme.delete()
    response = client.get(programme_url("zamkniety"))
    assert response.status_code == 410


def test_it_says_on_the_410_page_that_the_page_was_removed(client):
    ProgrammeFactory(slug="zamkniety").delete()
    response = client.get(programme_url("zamkniety"))
    assert '<meta name="robots" content="noindex">' in response.text


def test_it_answers_410_for_the_old_addresses_of_a_deleted_programme(client):
    programme = ProgrammeFactory(slug="stary")
    rename(programme, "nowy")
    programme.delete()
    assert client.get(programme_url("stary")).status_code == 410


def test_it_keeps_404_for_an_unpublished_programme(client):
    programme = ProgrammeFactory(slug="szkic", published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_it_does_not_redirect_to_an_unpublished_programme(client):
    programme = ProgrammeFactory(slug="stary")
    rename(programme, "nowy")
    programme.published = False
    programme.save()
    assert client.get(programme_url("stary")).status_code == 404


def test_it_serves_a_new_programme_at_the_address_of_a_deleted_one(client):
    ProgrammeFactory(slug="adres").delete()
    ProgrammeFactory(slug="adres")
    assert client.get(programme_url("adres")).status_code == 200


def test_it_answers_404_for_an_address_that_never_existed(client):
    assert client.get(programme_url("nigdy-nie-bylo")).status_code == 404


def test_it_redirects_the_old_address_of_a_renamed_activity(client):
    activity = ActivityFactory(slug="stare-zajecia")
    rename(activity, "nowe-zajecia")
    response = client.get(activity_url("stare-zajecia"))
    assert response.status_code == 301
    assert response["Location"] == activity_url("nowe-zajecia")


def test_it_answers_410_for_a_deleted_activity(client):
    ActivityFactory(slug="skonczone").delete()
    assert client.get(activity_url("skonczone")).status_code == 410


def test_it_answers_410_for_the_activities_of_a_deleted_programme(client):
    activity = ActivityFactory(slug="zajecia-programu")
    activity.programme.delete()
    assert client.get(activity_url("zajecia-programu")).status_code == 410


def test_it_does_not_look_up_the_old_slug_when_only_other_fields_are_saved():
    programme = ProgrammeFactory()
    programme.summary = "Nowy opis."
    with CaptureQueriesContext(connection) as queries:
        programme.save(update_fields=["summary"])
    assert not [q for q in queries if 'SELECT "programmes_programme"."slug"' in q["sql"]]
