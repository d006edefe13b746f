import pytest
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    LocationFactory,
    ProgrammeFactory,
    TopicFactory,
    district,
)
from tests.pages import Page

pytestmark = pytest.mark.django_db


def district_url(slug):
    return reverse("district", kwargs={"slug": slug})


@pytest.fixture
def mistrzejowice():
    location = LocationFactory(district=district("mistrzejowice"))
    location.programme.districts.set([district("mistrzejowice")])
    ActivityFactory(title="Siatkówka", programme=location.programme, location=location)
    return location.programme


def test_it_lists_the_activities_of_a_district(client, mistrzejowice):
    response = client.get(district_url("mistrzejowice"))
    assert [a.title for a in response.context["activities"]] == ["Siatkówka"]


def test_it_lists_the_programmes_of_a_district(client, mistrzejowice):
    response = client.get(district_url("mistrzejowice"))
    assert list(response.context["programmes"]) == [mistrzejowice]


def test_it_names_the_district_in_the_title(client, mistrzejowice):
    page = Page(client.get(district_url("mistrzejowice")).text)
    assert page.title == "Bezpłatne zajęcia w dzielnicy XV Mistrzejowice – PAL Kraków"


def test_it_leaves_out_activities_of_other_districts(client, mistrzejowice):
    ActivityFactory(title="Brydż", programme=ProgrammeFactory(districts=[district("debniki")]))
    response = client.get(district_url("mistrzejowice"))
    assert "Brydż" not in response.text


def test_it_says_honestly_when_no_programme_works_in_a_district(client, mistrzejowice):
    response = client.get(district_url("debniki"))
    assert response.status_code == 200
    assert not Page(response.text).indexable


def test_it_shows_citywide_programmes_in_every_district(client):
    ProgrammeFactory(name="PAL dla rodzin zastępczych", citywide=True)
    response = client.get(district_url("debniki"))
    assert "PAL dla rodzin zastępczych" in response.text


def test_it_answers_404_for_an_unknown_district(client):
    assert client.get(district_url("atlantyda")).status_code == 404


def test_it_shows_a_district_in_few_queries(client, mistrzejowice, django_assert_max_num_queries):
    for number in range(10):
        ActivityFactory(title=f"Zajęcia {number}", programme=mistrzejowice)
    # Two read the district's places and programmes, one the ids of the first page.
    with django_assert_max_num_queries(17):
        client.get(district_url("mistrzejowice"))


def test_it_lists_the_activities_about_a_topic(client):
    sport = TopicFactory(name="Sport", slug="sport")
    ActivityFactory(title="Siatkówka", topics=[sport])
    ActivityFactory(title="Brydż")
    response = client.get(reverse("topic", kwargs={"slug": "sport"}))
    assert [a.title for a in response.context["activities"]] == ["Siatkówka"]


def test_it_names_the_programmes_that_offer_a_topic(client):
    sport = TopicFactory(name="Sport", slug="sport")
    activity = ActivityFactory(topics=[sport])
    response = client.get(reverse("topic", kwargs={"slug": "sport"}))
    assert f'href="{activity.programme.get_absolute_url()}"' in response.text


def test_it_does_not_index_an_empty_topic(client):
    TopicFactory(name="Szachy", slug="szachy")
    response = client.get(reverse("topic", kwargs={"slug": "szachy"}))
    assert not Page(response.text).indexable


def test_it_shows_a_topic_in_few_queries(client, django_assert_max_num_queries):
    sport = TopicFactory(name="Sport", slug="sport")
    for number in range(10):
        ActivityFactory(title=f"Sport {number}", topics=[sport], location=LocationFactory())
    with django_assert_max_num_queries(12):
        client.get(reverse("topic", kwargs={"slug": "sport"}))


def test_the_finder_links_to_the_landing_pages(client, mistrzejowice):
    sport = TopicFactory(name="Sport", slug="sport")
    ActivityFactory(topics=[sport])
    links = Page(client.get(reverse("activities:list")).text).links
    assert {district_url("mistrzejowice"), "/tematy/sport/"} <= set(links)


def test_the_home_page_links_to_district_pages(client, mistrzejowice):
    links = Page(client.get(reverse("home")).text).links
    assert district_url("mistrzejowice") in links


def test_a_busy_district_shows_one_page_and_continues_in_the_finder(client, mistrzejowice):
    for number in range(24):
        ActivityFactory(title=f"Zajęcia {number:02}", programme=mistrzejowice)
    response = client.get(district_url("mistrzejowice"))
    shown = [a.title for a in response.context["activities"]]
    assert len(shown) == 20
    assert "Pokazujemy 20 z 25 zajęć." in response.text
    more = f"{reverse('activities:list')}?district=mistrzejowice&amp;page=2"
    assert f'href="{more}"' in response.text
    rest = client.get(reverse("activities:list"), {"district": "mistrzejowice", "page": "2"})
    rest_titles = [a.title for a in rest.context["object_list"]]
    everything = ["Siatkówka", *(f"Zajęcia {n:02}" for n in range(24))]
    assert sorted(shown + rest_titles) == sorted(everything)


def test_a_district_with_many_programmes_shows_one_page_of_them(client):
    for number in range(26):
        ProgrammeFactory(name=f"PAL {number:02}", districts=[district("debniki")])
    response = client.get(district_url("debniki"))
    assert len(response.context["programmes"]) == 24
    assert "Pokazujemy 24 z 26 programów." in response.text
    more = f"{reverse('programmes:list')}?district=debniki&amp;page=2"
    assert f'href="{more}"' in response.text


def test_a_busy_topic_shows_one_page_and_names_its_programmes(client):
    sport = TopicFactory(name="Sport", slug="sport")
    activities = [ActivityFactory(title=f"Sport {n:02}", topics=[sport]) for n in range(22)]
    response = client.get(reverse("topic", kwargs={"slug": "sport"}))
    shown = response.context["activities"]
    assert len(shown) == 20
    assert "Pokazujemy 20 z 22 zajęć." in response.text
    assert "22 bezpłatne zajęcia" in Page(response.text).description
    shown_programmes = {a.programme for a in shown}
    hidden_programme = ({a.programme for a in activities} - shown_programmes).pop()
    assert f'href="{hidden_programme.get_absolute_url()}"' not in response.text


def test_a_topic_names_its_programmes_in_polish_alphabetical_order(client):
    sport = TopicFactory(name="Sport", slug="sport")
    for name in ["Zorza", "Łąka", "Lipa"]:
        ActivityFactory(programme=ProgrammeFactory(name=name), topics=[sport])
    text = client.get(reverse("topic", kwargs={"slug": "sport"})).text
    assert text.index(">Lipa<") < text.index(">Łąka<") < text.index(">Zorza<")
