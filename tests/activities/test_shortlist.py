""" "Moja lista": the page that shows a visitor's saved (or shared) activities by id."""

import pytest
from django.urls import reverse

from activities.views import SHORTLIST_MAX
from tests.factories import ActivityFactory, LocationFactory, StaffContactFactory

pytestmark = pytest.mark.django_db


def shortlist(client, *ids):
    return client.get(reverse("shortlist"), {"id": list(ids)})


def test_it_shows_the_listed_activities_in_the_order_of_the_link(client):
    first = ActivityFactory(title="Zumba dla seniorów")
    second = ActivityFactory(title="Angielski dla dzieci")
    page = shortlist(client, first.slug, second.slug).content.decode()
    assert page.index("Zumba dla seniorów") < page.index("Angielski dla dzieci")


def test_it_leaves_out_unpublished_activities_and_says_so(client):
    shown = ActivityFactory(title="Szachy")
    hidden = ActivityFactory(title="Szkic zajęć", published=False)
    response = shortlist(client, shown.slug, hidden.slug)
    assert "Szkic zajęć" not in response.content.decode()
    assert "Zapisanych zajęć, których nie ma już w katalogu: 1." in response.content.decode()


def test_it_gives_the_address_and_whom_to_ask(client):
    place = LocationFactory(address="ul. Bulwarowa 15", postal_code="31-751")
    StaffContactFactory(
        programme=place.programme, name="Anna Nowak", phone="12 000 00 00", public=True
    )
    activity = ActivityFactory(programme=place.programme, location=place)
    page = shortlist(client, activity.slug).content.decode()
    assert "ul. Bulwarowa 15, 31-751, Kraków" in page
    assert "Anna Nowak" in page


def test_it_names_the_programmes_seat_when_the_activity_has_no_place(client):
    seat = LocationFactory(address="os. Na Skarpie 35")
    activity = ActivityFactory(programme=seat.programme, location=None)
    page = shortlist(client, activity.slug).content.decode()
    assert "Siedziba programu: os. Na Skarpie 35" in page


def test_its_share_link_carries_only_the_activity_ids(client):
    activity = ActivityFactory()
    response = shortlist(client, activity.slug, activity.slug)
    assert (
        f"data-share-link>http://testserver/moja-lista/?id={activity.slug}<"
        in response.content.decode()
    )


def test_its_save_buttons_are_hidden_until_the_script_shows_them(client):
    activity = ActivityFactory()
    page = shortlist(client, activity.slug).content.decode()
    assert f'data-save-activity="{activity.slug}" aria-pressed="false" hidden>' in page


def test_it_finds_a_renamed_activity_by_its_old_slug(client):
    activity = ActivityFactory(title="Szachy", slug="szachy")
    activity.slug = "szachy-dla-seniorow"
    activity.save()
    page = shortlist(client, "szachy").content.decode()
    assert "data-share-link>http://testserver/moja-lista/?id=szachy-dla-seniorow<" in page


def test_it_explains_an_empty_list(client):
    response = client.get(reverse("shortlist"))
    assert response.status_code == 200
    assert "Twoja lista jest pusta." in response.content.decode()


@pytest.mark.parametrize("junk", ["", "a b", "zajęcia", "../admin", "x" * 201])
def test_it_answers_a_damaged_link_with_a_message(client, junk):
    response = client.get(reverse("shortlist"), {"id": junk})
    assert response.status_code == 400
    assert "uszkodzony" in response.content.decode()


def test_it_refuses_a_list_longer_than_a_shortlist(client):
    response = shortlist(client, *(f"zajecia-{number}" for number in range(SHORTLIST_MAX + 1)))
    assert response.status_code == 400


def test_it_reads_the_list_in_few_queries(client, django_assert_max_num_queries):
    ids = [ActivityFactory().pk for _ in range(5)]
    with django_assert_max_num_queries(12):
        shortlist(client, *ids)


def test_every_list_points_search_engines_to_the_one_page(client):
    activity = ActivityFactory()
    page = shortlist(client, activity.slug).content.decode()
    assert '<link rel="canonical" href="http://testserver/moja-lista/">' in page


def test_cards_and_activity_pages_carry_the_save_button(client):
    activity = ActivityFactory()
    button = f'data-save-activity="{activity.slug}"'
    assert button in client.get(reverse("activities:list")).content.decode()
    assert button in client.get(activity.get_absolute_url()).content.decode()
