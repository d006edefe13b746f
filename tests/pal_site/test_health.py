"""/healthz: for load balancers and uptime checks."""

import json

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def test_it_answers_200_with_a_small_json_body_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}


def test_it_is_never_cached_and_sets_no_cookie(client):
    for _ in range(2):
        response = client.get("/healthz")
        assert "no-store" in response.headers["Cache-Control"]
        assert "X-Page-Cache" not in response.headers
        assert not response.cookies


def test_it_answers_503_when_the_cache_does_not(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "error"


def test_it_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "error", "cache": "ok"}


def test_it_is_kept_out_of_robots_and_the_sitemap(client):
    assert "Disallow: /healthz" in client.get("/robots.txt").text
    assert "healthz" not in client.get("/sitemap.xml").text
