import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, ProgrammeFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


def test_the_share_title_is_the_page_title(client):
    programme = ProgrammeFactory(name="PAL Na Skarpie")
    page = Page(client.get(programme.get_absolute_url()).text)
    assert (page.title, page.meta["og:title"]) == ("PAL Na Skarpie – PAL Kraków", "PAL Na Skarpie")


def test_the_description_is_written_from_the_content(client):
    programme = ProgrammeFactory(summary="Zajęcia dla mieszkańców os. Na Skarpie.")
    page = Page(client.get(programme.get_absolute_url()).text)
    assert page.description.startswith("Zajęcia dla mieszkańców os. Na Skarpie.")
    assert page.meta["og:description"] == page.description


def test_it_asks_for_a_large_image_card(client):
    page = Page(client.get(reverse("home")).text)
    assert page.meta["twitter:card"] == "summary_large_image"


def test_the_breadcrumb_list_follows_the_visible_breadcrumbs(client):
    activity = ActivityFactory(title="Pilates")
    page = Page(client.get(activity.get_absolute_url()).text)
    [crumbs] = [d for d in page.json_ld if d["@type"] == "BreadcrumbList"]
    assert [(item["position"], item["name"]) for item in crumbs["itemListElement"]] == [
        (1, "Strona główna"),
        (2, activity.programme.name),
        (3, "Pilates"),
    ]


def test_the_home_page_describes_the_site_and_its_publisher(client):
    page = Page(client.get(reverse("home")).text)
    [site] = page.json_ld
    assert (site["@type"], site["publisher"]["alternateName"]) == ("WebSite", "MOPS Kraków")
