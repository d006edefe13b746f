"""Hostile query strings on every public page: a 4xx at worst, never a 500.

Runs on SQLite and PostgreSQL alike (`DATABASE_URL=postgres://… make test`); a NUL
byte, a lone surrogate or a 10,000-character value must not reach the database
as an error.
"""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.public_urls import detail_urls, public_urls

pytestmark = pytest.mark.django_db

FIELDS = ["q", "district", "age", "topic", "programme", "weekday", "page"]
TRICKY = [
    "\x00",
    "%00",
    "a\x00b",
    "0",
    "-1",
    "1e9",
    "last",
    "99999999999999999999999",
    "nowa-huta\x00",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "ŁĘG",
    "x" * 10_000,
]


def encoded(text):
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


raw_bytes = st.binary(max_size=24).map(lambda b: quote(b, safe=""))
values = st.one_of(
    st.text(max_size=60).map(encoded),
    st.sampled_from(TRICKY).map(encoded),
    raw_bytes,
    st.just("%ED%A0%80"),  # a lone surrogate, as UTF-8 bytes
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12).map(encoded), raw_bytes)
query_strings = st.lists(st.tuples(keys, values), max_size=8).map(
    lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)
)
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_no_server_error(client, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code < 500, (url, query)
    assert response.status_code in {200, 301, 302, 400, 404}, (url, query, response.status_code)


@FUZZ
@given(data=st.data())
def test_no_query_string_breaks_a_public_page(client, seed, data):
    url = data.draw(st.sampled_from(public_urls()), label="url")
    assert_no_server_error(client, url, data.draw(query_strings, label="query"))


@FUZZ
@given(query=query_strings)
def test_no_query_string_breaks_the_finder(client, seed, query):
    assert_no_server_error(client, "/zajecia/", query)


@FUZZ
@given(slug=st.text(max_size=40).map(encoded))
def test_no_slug_breaks_a_detail_page(client, seed, slug):
    for url in detail_urls():
        base = url.rstrip("/").rsplit("/", 1)[0]
        response = client.get(f"{base}/{slug}/")
        assert response.status_code in {200, 301, 404}, (base, slug)


@pytest.mark.parametrize("field", FIELDS)
def test_a_nul_byte_in_any_filter_is_a_client_error_not_a_database_error(client, seed, field):
    for url in ["/zajecia/", "/programy/"]:
        response = client.get(url, {field: "nowa\x00huta"})
        # 301: a parameter this listing does not read is redirected away.
        assert response.status_code in {200, 301, 400, 404}, (url, field)
