import io

import pytest
from django.urls import reverse
from PIL import Image

from tests.factories import ActivityFactory, LocationFactory, ProgrammeFactory
from tests.pages import Page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def share_image_url(client, url):
    return Page(client.get(url).text).meta["og:image"]


def image(client, url):
    response = client.get(url)
    return response, Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_a_programme_has_a_1200_by_630_png(client):
    programme = LocationFactory().programme
    response, picture = image(client, share_image_url(client, programme.get_absolute_url()))
    assert (response["Content-Type"], picture.size) == ("image/png", (1200, 630))


def test_an_activity_has_its_own_image(client):
    activity = ActivityFactory(title="Żółta łódź: ćwiczenia")
    url = share_image_url(client, activity.get_absolute_url())
    assert url.startswith(f"http://testserver{activity.get_absolute_url()}share.png?v=")
    assert image(client, url)[1].size == (1200, 630)


def test_the_current_image_is_cached_for_a_long_time(client):
    programme = ProgrammeFactory()
    response, _ = image(client, share_image_url(client, programme.get_absolute_url()))
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_an_outdated_version_is_cached_briefly(client):
    programme = ProgrammeFactory()
    url = reverse("programmes:share_image", kwargs={"slug": programme.slug})
    response, _ = image(client, url + "?v=stara")
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_new_name_gives_a_new_image(client, tmp_path):
    programme = ProgrammeFactory(name="PAL Stara Nazwa")
    before = share_image_url(client, programme.get_absolute_url())
    image(client, before)
    programme.name = "PAL Nowa Nazwa"
    programme.save()
    after = share_image_url(client, programme.get_absolute_url())
    image(client, after)
    assert before != after
    assert len(list((tmp_path / "share").glob("*.png"))) == 2


def test_it_draws_each_image_once(client, tmp_path):
    programme = ProgrammeFactory()
    url = share_image_url(client, programme.get_absolute_url())
    image(client, url)
    stored = next((tmp_path / "share").glob("*.png"))
    stored.write_bytes(b"cached")
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"cached"


def test_an_unpublished_programme_has_no_image(client):
    programme = ProgrammeFactory(published=False)
    url = reverse("programmes:share_image", kwargs={"slug": programme.slug})
    assert client.get(url).status_code == 404


def test_other_pages_share_the_site_image(client):
    url = share_image_url(client, reverse("about"))
    assert url.startswith("http://testserver/share.png?v=")
    assert image(client, url)[1].size == (1200, 630)
