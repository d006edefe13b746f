import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import resolve, reverse

from programmes.views import allow_map_tiles
from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db

REQUIRED_CSP = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
]


def assert_security_headers(response, geolocation="()"):
    csp = response.headers["Content-Security-Policy"]
    for directive in REQUIRED_CSP:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "tile.openstreetmap.org" not in csp
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert f"geolocation={geolocation}" in response.headers["Permissions-Policy"]
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_it_sends_the_security_headers_on_every_public_page(client, seed):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        # Only the finder may ask for the position ("Sort by distance from me").
        finder = resolve(urlsplit(url).path).view_name == "activities:list"
        assert_security_headers(response, geolocation="(self)" if finder else "()")
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_it_sends_the_security_headers_on_errors(client, seed):
    assert_security_headers(client.get("/nie-ma-takiej-strony/"))
    assert_security_headers(
        client.get(reverse("activities:list"), {"district": "nibylandia"}), geolocation="(self)"
    )


def test_it_sends_the_security_headers_on_static_files(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert_security_headers(response)


def test_it_sends_the_security_headers_on_admin_pages(client, seed):
    assert_security_headers(client.get(reverse("admin:login")))
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "x"))
    from programmes.models import Programme

    programme = Programme.objects.first()
    for url in [
        reverse("admin:index"),
        reverse("admin:programmes_programme_changelist"),
        reverse("admin:programmes_programme_change", args=[programme.pk]),
        reverse("admin:activities_activity_add"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


def test_it_allows_map_tiles_only_on_views_that_ask_for_them(rf, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    from csp.middleware import CSPMiddleware

    def page(request):
        return HttpResponse("map")

    request = rf.get("/programy/x/mapa/")
    with_map = CSPMiddleware(allow_map_tiles(page))(request)
    without_map = CSPMiddleware(page)(rf.get("/programy/x/"))
    assert "img-src 'self' https://tiles.example.org" in with_map.headers["Content-Security-Policy"]
    assert "tiles.example.org" not in without_map.headers["Content-Security-Policy"]


def test_public_pages_set_no_cookie_and_load_nothing_from_other_hosts(client, seed):
    for url in public_urls():
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers
        html = response.text
        # Scripts, styles, images, fonts and frames come from this site only. (Canonical
        # and hreflang links name addresses; browsers load nothing from them.)
        loaded = re.sub(r'<link rel="(?:canonical|alternate)"[^>]*>', "", html)
        external = re.findall(
            r'<(?:script|img|iframe|source|link)\b[^>]*(?:src|href)="(?:https?:)?//', loaded
        )
        assert external == [], url
        assert "url(http" not in html


def test_public_pages_have_no_inline_code_or_styles(client, seed):
    for url in public_urls():
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        assert "<style" not in html, url


def test_it_publishes_a_security_txt_with_the_configured_contact(client, settings):
    settings.SECURITY_CONTACT = "mailto:bezpieczenstwo@example.pl"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "Contact: mailto:bezpieczenstwo@example.pl\n" in response.text
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", response.text, re.M)
    assert_security_headers(response)


def test_it_has_no_security_txt_until_a_contact_is_configured(client, settings):
    settings.SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404


def test_it_answers_400_to_a_query_with_thousands_of_fields(client, seed):
    query = "&".join(f"f{n}=1" for n in range(5000))
    for url in [reverse("activities:list"), reverse("programmes:list")]:
        assert client.get(f"{url}?{query}").status_code == 400


def test_it_answers_400_to_a_post_with_thousands_of_fields(client):
    data = {f"f{n}": "1" for n in range(5000)}
    assert client.post(reverse("admin:login"), data).status_code == 400


def test_it_answers_400_to_a_huge_body(client):
    body = "x=" + "a" * (6 * 1024 * 1024)
    response = client.post(
        reverse("admin:login"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_public_pages_refuse_a_huge_post_without_reading_it(client, seed):
    body = "x=" + "a" * (6 * 1024 * 1024)
    for url in [reverse("home"), reverse("activities:list")]:
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in {400, 405, 413}, url


def correction_url():
    from tests.factories import ProgrammeFactory

    return reverse("programme_correction", kwargs={"slug": ProgrammeFactory().slug})


def test_public_forms_refuse_file_parts(client):
    from activities.models import Correction

    upload = SimpleUploadedFile("list.txt", b"plik", content_type="text/plain")
    response = client.post(
        correction_url(), {"kind": "other", "message": "Zła godzina.", "file": upload}
    )
    assert response.status_code == 400
    assert not Correction.objects.exists()


def test_public_forms_refuse_a_large_multipart_body_by_its_length(client, settings):
    from activities.models import Correction

    upload = SimpleUploadedFile("big.bin", b"\0" * (settings.PUBLIC_REQUEST_MAX_BYTES + 1))
    response = client.post(
        correction_url(), {"kind": "other", "message": "Zła godzina.", "file": upload}
    )
    assert response.status_code == 413
    assert not Correction.objects.exists()


def test_admin_refuses_a_body_over_the_upload_limit(admin_client, settings):
    settings.UPLOAD_REQUEST_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("big.jpg", b"\0" * (1024 * 1024 + 1))
    response = admin_client.post(reverse("admin:programmes_programme_add"), {"image": upload})
    assert response.status_code == 413
