"""The finder's order: those held in the chosen district first, the city-wide ones
under their own heading (on every page and on the district page), and the orders a
visitor can choose (README, "Order of results")."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from activities.models import Activity, ActivityStatus, Timing
from tests.factories import ActivityFactory, ProgrammeFactory, WeeklySessionFactory, district

pytestmark = pytest.mark.django_db

FINDER = reverse("activities:list")
CITYWIDE_HEADING = "Również dla mieszkańców całego Krakowa"


@pytest.fixture
def nowa_huta():
    return district("nowa-huta")


@pytest.fixture
def citywide_programme():
    # "A…" sorts before the local programme: only the grouping can put it after.
    return ProgrammeFactory(name="Aaa PAL dla całego miasta", citywide=True)


@pytest.fixture
def local_programme(nowa_huta):
    return ProgrammeFactory(name="Zzz PAL Nowej Huty", districts=[nowa_huta])


def titles(response):
    return [activity.title for activity in response.context["object_list"]]


def test_it_lists_activities_held_in_the_district_before_citywide_ones(
    client, nowa_huta, citywide_programme, local_programme
):
    ActivityFactory(programme=citywide_programme, title="Konsultacje dla rodzin zastępczych")
    ActivityFactory(programme=local_programme, title="Angielski dla dorosłych")
    response = client.get(FINDER, {"district": nowa_huta.slug})
    assert titles(response) == ["Angielski dla dorosłych", "Konsultacje dla rodzin zastępczych"]


def test_it_puts_the_citywide_heading_between_the_groups(
    client, nowa_huta, citywide_programme, local_programme
):
    ActivityFactory(programme=citywide_programme, title="Konsultacje dla rodzin zastępczych")
    ActivityFactory(programme=local_programme, title="Angielski dla dorosłych")
    text = client.get(FINDER, {"district": nowa_huta.slug}).text
    local = text.index("Angielski dla dorosłych")
    heading = text.index(CITYWIDE_HEADING)
    assert local < heading < text.index("Konsultacje dla rodzin zastępczych")


def test_it_counts_each_group(client, nowa_huta, citywide_programme, local_programme):
    for n in range(2):
        ActivityFactory(programme=local_programme, title=f"Lokalne {n}")
    for n in range(3):
        ActivityFactory(programme=citywide_programme, title=f"Miejskie {n}")
    text = client.get(FINDER, {"district": nowa_huta.slug}).text
    assert "2 w dzielnicy, 3 dla całego miasta" in text


def test_an_activity_of_a_citywide_programme_at_a_place_in_the_district_is_local(
    client, nowa_huta, citywide_programme, local_programme
):
    place = citywide_programme.locations.create(address="os. Zielone 1", district=nowa_huta)
    ActivityFactory(programme=local_programme, title="Angielski dla dorosłych")
    ActivityFactory(programme=citywide_programme, title="Basen", location=place)
    ActivityFactory(programme=citywide_programme, title="Arteterapia")
    response = client.get(FINDER, {"district": nowa_huta.slug})
    assert titles(response) == ["Basen", "Angielski dla dorosłych", "Arteterapia"]


def test_page_two_starts_with_the_citywide_heading_when_its_group_does(
    client, nowa_huta, citywide_programme, local_programme
):
    for n in range(20):
        ActivityFactory(programme=local_programme, title=f"Lokalne {n:02d}")
    for n in range(2):
        ActivityFactory(programme=citywide_programme, title=f"Miejskie {n}")
    response = client.get(FINDER, {"district": nowa_huta.slug, "page": 2})
    assert titles(response) == ["Miejskie 0", "Miejskie 1"]
    assert CITYWIDE_HEADING in response.text


def test_page_two_continues_the_local_group_without_repeating_anything(
    client, nowa_huta, citywide_programme, local_programme
):
    for n in range(22):
        ActivityFactory(programme=local_programme, title=f"Lokalne {n:02d}")
    ActivityFactory(programme=citywide_programme, title="Miejskie")
    first = titles(client.get(FINDER, {"district": nowa_huta.slug}))
    second = titles(client.get(FINDER, {"district": nowa_huta.slug, "page": 2}))
    assert first + second == [*(f"Lokalne {n:02d}" for n in range(22)), "Miejskie"]


def test_the_district_page_lists_local_activities_first(
    client, nowa_huta, citywide_programme, local_programme
):
    ActivityFactory(programme=citywide_programme, title="Konsultacje dla rodzin zastępczych")
    ActivityFactory(programme=local_programme, title="Angielski dla dorosłych")
    text = client.get(nowa_huta.get_absolute_url()).text
    assert text.index("Angielski dla dorosłych") < text.index(CITYWIDE_HEADING)


def test_the_district_page_counts_each_group(
    client, nowa_huta, citywide_programme, local_programme
):
    ActivityFactory(programme=citywide_programme)
    ActivityFactory(programme=local_programme)
    assert "1 w dzielnicy, 1 dla całego miasta" in client.get(nowa_huta.get_absolute_url()).text


def test_without_a_district_there_is_no_group_heading(client, citywide_programme):
    ActivityFactory(programme=citywide_programme)
    assert CITYWIDE_HEADING not in client.get(FINDER).text


def test_it_says_once_that_every_activity_is_free(client):
    for _n in range(3):
        ActivityFactory()
    text = client.get(FINDER).text
    assert text.count("Wszystkie zajęcia PAL są bezpłatne") == 1


def test_a_card_names_the_cost_of_an_activity_that_is_not_free(client):
    ActivityFactory(free_of_charge=False, cost_note="Bilet do kina płaci uczestnik")
    assert "Bilet do kina płaci uczestnik" in client.get(FINDER).text


def test_it_sorts_by_title_from_a_to_z(client):
    ActivityFactory(programme=ProgrammeFactory(name="Aaa"), title="Żeglarstwo")
    ActivityFactory(programme=ProgrammeFactory(name="Bbb"), title="Łucznictwo")
    ActivityFactory(programme=ProgrammeFactory(name="Ccc"), title="Lepienie z gliny")
    response = client.get(FINDER, {"sort": "a-z"})
    # Polish alphabet: L before Ł before Ż, on SQLite and PostgreSQL alike.
    assert titles(response) == ["Lepienie z gliny", "Łucznictwo", "Żeglarstwo"]


@time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC), tick=False)
def test_soonest_first_puts_dated_events_and_planned_starts_first(client):
    ActivityFactory(title="Aaa zajęcia bez terminu")
    WeeklySessionFactory(activity=ActivityFactory(title="Bbb zajęcia we wtorki"))
    ActivityFactory(title="Piknik", timing=Timing.DATED, starts_on=datetime.date(2026, 6, 1))
    ActivityFactory(
        title="Nowa grupa",
        status=ActivityStatus.PLANNED,
        timing=Timing.FROM_DATE,
        starts_on=datetime.date(2026, 5, 11),
    )
    ActivityFactory(title="Dawny festyn", timing=Timing.DATED, starts_on=datetime.date(2025, 6, 1))
    response = client.get(FINDER, {"sort": "wkrotce"})
    assert titles(response)[:3] == ["Nowa grupa", "Piknik", "Bbb zajęcia we wtorki"]


def test_a_chosen_order_keeps_the_district_groups(
    client, nowa_huta, citywide_programme, local_programme
):
    ActivityFactory(programme=citywide_programme, title="Aerobik")
    ActivityFactory(programme=local_programme, title="Zumba")
    response = client.get(FINDER, {"district": nowa_huta.slug, "sort": "a-z"})
    assert titles(response) == ["Zumba", "Aerobik"]


def test_the_order_links_keep_the_filters_and_start_from_page_one(client, nowa_huta):
    ActivityFactory()
    response = client.get(FINDER, {"district": nowa_huta.slug, "page": 1})
    links = {link["label"]: link["query"] for link in response.context["filter"].order_links}
    assert links["A–Z"] == f"district={nowa_huta.slug}&sort=a-z"


def test_the_current_order_is_marked(client):
    ActivityFactory()
    text = client.get(FINDER, {"sort": "wkrotce"}).text
    assert '<a href="?sort=wkrotce" aria-current="true">Wkrótce</a>' in text


def test_a_sorted_listing_is_not_indexed(client):
    ActivityFactory()
    response = client.get(FINDER, {"sort": "a-z"})
    assert response.context["noindex"]


def test_a_sorted_listing_points_search_engines_to_its_own_order(client):
    ActivityFactory()
    response = client.get(FINDER, {"sort": "a-z"})
    assert response.context["canonical_url"].endswith(FINDER)


def test_an_unknown_order_is_a_clear_400(client):
    response = client.get(FINDER, {"sort": "losowo"})
    assert response.status_code == 400


def test_the_order_is_no_filter_chip(client):
    ActivityFactory()
    response = client.get(FINDER, {"sort": "a-z"})
    assert response.context["filter"].chips == []


def test_equal_titles_keep_one_order_across_pages(client):
    programme = ProgrammeFactory()
    # Equal titles: the id breaks the tie, so pages never repeat or skip a row.
    for n in range(25):
        ActivityFactory(programme=programme, title="Zajęcia", slug=f"zajecia-{n}")
    pages = [client.get(FINDER, {"sort": "a-z", "page": page}) for page in (1, 2)]
    ids = [activity.pk for page in pages for activity in page.context["object_list"]]
    assert ids == sorted(Activity.objects.values_list("pk", flat=True))


@pytest.fixture
def foster_family_programme():
    return ProgrammeFactory(
        name="Aaa PAL dla rodzin zastępczych",
        only_for="Tylko dla rodzin zastępczych i rodzinnych domów dziecka",
    )


def test_without_filters_activities_open_to_everyone_come_first(client, foster_family_programme):
    ActivityFactory(programme=foster_family_programme, title="Konsultacje psychologiczne")
    ActivityFactory(programme=ProgrammeFactory(name="Zzz PAL osiedlowy"), title="Szachy")
    assert titles(client.get(FINDER)) == ["Szachy", "Konsultacje psychologiczne"]


def test_an_activity_only_for_a_group_follows_those_open_to_everyone(client):
    programme = ProgrammeFactory()
    ActivityFactory(programme=programme, title="Aaa gimnastyka", only_for="Tylko dla kobiet")
    ActivityFactory(programme=programme, title="Bbb szachy")
    assert titles(client.get(FINDER)) == ["Bbb szachy", "Aaa gimnastyka"]


def test_the_order_follows_staff_changing_who_may_take_part(client):
    programme = ProgrammeFactory(name="Aaa PAL")
    limited = ActivityFactory(programme=programme, title="Konsultacje", only_for="Tylko dla kobiet")
    ActivityFactory(programme=ProgrammeFactory(name="Zzz PAL"), title="Szachy")
    assert titles(client.get(FINDER)) == ["Szachy", "Konsultacje"]

    limited.only_for = ""
    limited.save()
    assert titles(client.get(FINDER)) == ["Konsultacje", "Szachy"]

    programme.only_for = "Tylko dla rodzin zastępczych"
    programme.save()
    assert titles(client.get(FINDER)) == ["Szachy", "Konsultacje"]


def test_open_to_everyone_first_holds_within_each_district_group(
    client, nowa_huta, foster_family_programme, citywide_programme
):
    foster_family_programme.districts.set([nowa_huta])
    ActivityFactory(programme=foster_family_programme, title="Konsultacje psychologiczne")
    ActivityFactory(programme=ProgrammeFactory(name="Zzz", districts=[nowa_huta]), title="Szachy")
    ActivityFactory(programme=citywide_programme, title="Basen")
    response = client.get(FINDER, {"district": nowa_huta.slug})
    assert titles(response) == ["Szachy", "Konsultacje psychologiczne", "Basen"]


def test_the_order_links_offer_nearest_only_with_a_position(client):
    ActivityFactory()
    labels = [link["label"] for link in client.get(FINDER).context["filter"].order_links]
    assert labels == ["Polecana", "A–Z", "Wkrótce"]


def test_in_ukrainian_soonest_does_not_read_as_nearest(client):
    # "Найближчі" (soonest) beside "Найближче" (nearest) read as the same order.
    ActivityFactory()
    response = client.get("/uk/zajecia/", {"near": "50.0614,19.9366"})
    labels = [str(link["label"]) for link in response.context["filter"].order_links]
    assert labels == ["Рекомендований", "Найближче", "А–Я", "Незабаром"]


def test_with_a_position_nearest_is_offered_and_current(client):
    ActivityFactory()
    response = client.get(FINDER, {"near": "50.0614,19.9366"})
    links = {link["label"]: link for link in response.context["filter"].order_links}
    assert links["Najbliżej"]["current"]


def test_the_recommended_order_leaves_the_position_out(client):
    ActivityFactory()
    response = client.get(FINDER, {"near": "50.0614,19.9366", "sort": "a-z"})
    links = {link["label"]: link["query"] for link in response.context["filter"].order_links}
    assert links["Polecana"] == ""


def test_the_page_cache_keeps_the_order_and_drops_junk(client):
    response = client.get(FINDER + "?district=nowa-huta&sort=a-z&junk=1")
    assert response.headers["Location"] == FINDER + "?district=nowa-huta&sort=a-z"
