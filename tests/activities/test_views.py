import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    LocationFactory,
    ProgrammeFactory,
    StaffContactFactory,
    TopicFactory,
    WeeklySessionFactory,
    district,
)

pytestmark = pytest.mark.django_db

FINDER = reverse("activities:list")


@pytest.fixture
def three_activities():
    children = AgeGroupFactory(name="Dzieci", slug="dzieci")
    sport = TopicFactory(name="Sport", slug="sport")
    mistrzejowice = LocationFactory(district=district("mistrzejowice"))
    ActivityFactory(
        title="Siatkówka w Mistrzejowicach",
        programme=mistrzejowice.programme,
        location=mistrzejowice,
        topics=[sport],
    )
    ActivityFactory(title="Rękodzieło dla dzieci", age_groups=[children])
    ActivityFactory(title="Brydż dla dorosłych")


def test_it_lists_every_published_activity(client, three_activities):
    response = client.get(FINDER)
    assert response.context["paginator"].count == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"district": "mistrzejowice"}, "Siatkówka w Mistrzejowicach"),
        ({"age": "dzieci"}, "Rękodzieło dla dzieci"),
        ({"topic": "sport"}, "Siatkówka w Mistrzejowicach"),
        ({"q": "brydz"}, "Brydż dla dorosłych"),
    ],
    ids=["district", "age-group", "topic", "free-text"],
)
def test_it_narrows_by_each_filter(client, three_activities, params, expected):
    response = client.get(FINDER, params)
    assert [a.title for a in response.context["object_list"]] == [expected]


def test_it_narrows_by_programme(client, three_activities):
    programme = ProgrammeFactory(name="PAL Wróżenice", slug="wrozenice")
    ActivityFactory(title="Wycieczka", programme=programme)
    response = client.get(FINDER, {"programme": "wrozenice"})
    assert [a.title for a in response.context["object_list"]] == ["Wycieczka"]


def test_it_narrows_by_weekday(client, three_activities):
    WeeklySessionFactory(activity=ActivityFactory(title="We wtorki"), weekday=2)
    response = client.get(FINDER, {"weekday": "2"})
    assert [a.title for a in response.context["object_list"]] == ["We wtorki"]


def test_it_labels_district_options_with_numeral_and_name(client):
    response = client.get(FINDER)
    assert ">XVII Wzgórza Krzesławickie</option>" in response.text


def test_it_shows_the_result_count(client, three_activities):
    response = client.get(FINDER, {"topic": "sport"})
    assert response.context["paginator"].count == 1
    assert "Znaleziono 1 zajęcie" in response.text


def test_it_shows_chosen_filters_as_removable_chips(client, three_activities):
    response = client.get(FINDER, {"topic": "sport", "age": "dzieci"})
    assert 'href="?age=dzieci"' in response.text


def test_it_offers_to_clear_all_filters(client, three_activities):
    response = client.get(FINDER, {"topic": "sport"})
    assert f'class="clear-all" href="{FINDER}"' in response.text


@pytest.fixture
def two_pages_of_sport():
    sport = TopicFactory(name="Sport", slug="sport")
    for number in range(25):
        ActivityFactory(title=f"Sport {number:02}", topics=[sport])


def test_it_keeps_filters_when_paging(client, two_pages_of_sport):
    response = client.get(FINDER, {"topic": "sport"})
    assert 'href="?topic=sport&amp;page=2"' in response.text


def test_it_serves_the_second_page_with_the_filters(client, two_pages_of_sport):
    ActivityFactory(title="Inne")
    response = client.get(FINDER, {"topic": "sport", "page": "2"})
    assert len(response.context["object_list"]) == 5


def test_its_pages_follow_one_order_without_repeats(client):
    programme = ProgrammeFactory()
    for number in reversed(range(25)):
        ActivityFactory(title=f"Sport {number:02}", programme=programme)
    first = client.get(FINDER).context["object_list"]
    second = client.get(FINDER, {"page": "2"}).context["object_list"]
    assert [a.title for a in [*first, *second]] == [f"Sport {n:02}" for n in range(25)]


def test_its_search_results_list_title_matches_first_on_the_page(client):
    ActivityFactory(title="Brydż", summary="Dla miłośników szachów i kart.")
    ActivityFactory(title="Szachy", summary="Gra dla każdego.")
    response = client.get(FINDER, {"q": "szachy"})
    assert [a.title for a in response.context["object_list"]] == ["Szachy", "Brydż"]
    assert response.text.index("Szachy</") < response.text.index("Brydż</")


def test_it_helps_when_nothing_matches(client, three_activities):
    response = client.get(FINDER, {"q": "szachy"})
    assert 'class="empty"' in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"district": "atlantyda"},
        {"age": "x" * 300},
        {"q": "a" * 5000},
        {"q": "siatk\x00wka"},
        {"weekday": "9"},
        {"topic": ["sport", "muzyka"]},
    ],
    ids=["unknown-district", "long-age", "huge-query", "nul-byte", "bad-weekday", "repeated"],
)
def test_it_answers_junk_with_a_clear_400(client, three_activities, params):
    response = client.get(FINDER, params)
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert 'role="alert"' in response.text


@pytest.mark.parametrize("district", [None, "mistrzejowice"], ids=["anywhere", "in-a-district"])
def test_a_search_that_finds_nothing_needs_no_queries_of_its_own_to_say_so(
    client, three_activities, settings, district
):
    settings.PAGE_CACHE_SECONDS = 0
    where = {"district": district} if district else {}
    client.get(FINDER, {"q": "siatkówka", **where})
    with CaptureQueriesContext(connection) as finding:
        client.get(FINDER, {"q": "siatkówka", **where})
    with CaptureQueriesContext(connection) as finding_nothing:
        response = client.get(FINDER, {"q": "szachy", **where})
    assert "Znaleziono 0 zajęć" in response.text
    assert 'class="empty"' in response.text
    # The query that looks for the page's rows also says there are none: no count, and
    # no second look for the rows, after it.
    assert len(finding_nothing) == len(finding)


def test_it_rejects_an_unknown_district_with_a_message(client, three_activities):
    response = client.get(FINDER, {"district": "atlantyda"})
    assert response.status_code == 400
    assert 'role="alert"' in response.text


def test_it_ignores_an_out_of_range_page_with_a_404(client, three_activities):
    assert client.get(FINDER, {"page": "999"}).status_code == 404


def test_each_page_of_filtered_results_counts_all_of_them(client, two_pages_of_sport):
    ActivityFactory(title="Inne")
    for page in ["1", "2", "last"]:
        response = client.get(FINDER, {"topic": "sport", "page": page})
        assert response.context["paginator"].count == 25, page
        assert "Znaleziono 25 zajęć" in response.text, page
    assert client.get(FINDER, {"topic": "sport", "page": "3"}).status_code == 404
    assert client.get(FINDER, {"topic": "sport", "page": "0"}).status_code == 404


def test_it_lists_without_n_plus_one_queries(client, django_assert_max_num_queries):
    children = AgeGroupFactory(name="Dzieci", slug="dzieci")
    sport = TopicFactory(name="Sport", slug="sport")
    for number in range(20):
        location = LocationFactory()
        activity = ActivityFactory(
            title=f"Zajęcia {number}",
            programme=location.programme,
            location=location,
            age_groups=[children],
            topics=[sport],
        )
        WeeklySessionFactory(activity=activity)
    # Fixed, whatever the number of cards: with_related's lists (languages among them)
    # and the choices of the filter selects ("Język zajęć" among them).
    with django_assert_max_num_queries(14):
        client.get(FINDER)


@pytest.fixture
def sport_for_children():
    activity = ActivityFactory(
        title="Piłka nożna",
        location=LocationFactory(district=district("nowa-huta")),
        age_groups=[AgeGroupFactory(name="Dzieci", slug="dzieci")],
        topics=[TopicFactory(name="Sport", slug="sport")],
    )
    WeeklySessionFactory(activity=activity, weekday=2, starts_at="17:00", ends_at="18:30")
    return activity


@pytest.mark.parametrize(
    "url",
    [
        lambda activity: FINDER,
        lambda activity: reverse("topic", kwargs={"slug": "sport"}),
        lambda activity: reverse("district", kwargs={"slug": "nowa-huta"}),
        lambda activity: activity.get_absolute_url(),
    ],
    ids=["finder", "topic page", "district page", "activity page"],
)
def test_it_shows_for_whom_and_when(client, sport_for_children, url):
    text = client.get(url(sport_for_children)).text
    assert "Dzieci" in text
    assert "wtorek 17:00–18:30" in text


def test_the_activity_page_shows_what_it_is_about(client, sport_for_children):
    # Compact cards leave the topics to the activity page (and the topic filter).
    text = client.get(sport_for_children.get_absolute_url()).text
    assert "<span>Sport</span>" in text


def test_a_programme_page_shows_when_its_activities_meet(client, sport_for_children):
    text = client.get(sport_for_children.programme.get_absolute_url()).text
    assert "wtorek 17:00–18:30" in text


def test_it_shows_an_activity(client):
    activity = ActivityFactory(title="Qigong", summary="Starochińskie ćwiczenia zdrowotne.")
    response = client.get(activity.get_absolute_url())
    assert "<h1>Qigong</h1>" in response.text


def test_it_hides_an_unpublished_activity(client):
    activity = ActivityFactory(published=False)
    assert client.get(activity.get_absolute_url()).status_code == 404


def test_it_shows_the_eligibility_rules(client):
    activity = ActivityFactory(eligibility="Orzeczenie i zamieszkanie w dzielnicy XVII.")
    response = client.get(activity.get_absolute_url())
    assert "Orzeczenie i zamieszkanie w dzielnicy XVII." in response.text


def test_it_shows_the_programmes_contacts_on_an_activity(client):
    contact = StaffContactFactory(name="Marta Matera")
    activity = ActivityFactory(programme=contact.programme)
    assert "Marta Matera" in client.get(activity.get_absolute_url()).text


def test_it_escapes_staff_text(client):
    activity = ActivityFactory(summary="<script>alert(1)</script>")
    response = client.get(activity.get_absolute_url())
    assert "<script>alert(1)</script>" not in response.text


def test_it_shows_an_activity_in_few_queries(client, django_assert_max_num_queries):
    activity = ActivityFactory()
    StaffContactFactory(programme=activity.programme)
    with django_assert_max_num_queries(11):
        client.get(activity.get_absolute_url())


@pytest.mark.parametrize(
    ("prefix", "title"),
    [("", "Szachy"), ("/uk", '<span lang="pl">Szachy</span>'), ("/en", "Chess")],
)
def test_it_shows_an_activity_in_each_language_in_as_few_queries(
    client, django_assert_max_num_queries, prefix, title
):
    # The page reads its row in the visitor's language and Polish only (for_detail_page):
    # a translation, or the Polish shown for a missing one, costs no query of its own.
    activity = ActivityFactory(title_pl="Szachy", title_en="Chess", slug="szachy")
    StaffContactFactory(programme=activity.programme)
    with django_assert_max_num_queries(11):
        response = client.get(f"{prefix}/zajecia/szachy/")
    assert f'<span aria-current="page">{title}</span>' in response.text


def test_it_shows_the_home_page_with_ways_in(client, three_activities):
    response = client.get(reverse("home"))
    assert f'href="{FINDER}?age=dzieci"' in response.text


def test_it_links_topics_from_the_home_page_to_their_landing_pages(client, three_activities):
    response = client.get(reverse("home"))
    assert 'href="/tematy/sport/"' in response.text


def test_it_highlights_matched_words(client):
    ActivityFactory(title="Nauka języka angielskiego")
    response = client.get(FINDER, {"q": "angielski"})
    assert "<mark>angielskiego</mark>" in response.text


def test_it_says_what_was_searched(client):
    response = client.get(FINDER, {"q": "szachy"})
    assert "„szachy”" in response.text or "“szachy”" in response.text


def test_it_offers_to_widen_a_search_that_found_nothing(client, three_activities):
    response = client.get(FINDER, {"q": "siatkówka", "age": "dzieci"})
    assert 'href="?q=siatk%C3%B3wka"' in response.text
