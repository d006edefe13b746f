"""Property-based test of the API against our own OpenAPI description (schemathesis).

Bounded to a few examples per endpoint so that it takes seconds: the suite runs twice
in CI. It fails on any 5xx, any undocumented status or content type, and any response
that does not validate against the HSDS schemas the description embeds.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from opendata import openapi

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def connection_kept_open():
    """Keep the test's database connection across requests, as Django's test client does.

    The WSGI handler closes it after each request (CONN_MAX_AGE=0), which on PostgreSQL
    ends the transaction the test runs in.
    """
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_it_answers_every_generated_request_as_documented(seed, connection_kept_open):
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_dict(openapi.document("http://localhost/api/hsds/"))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(checks=CHECKS, app=app)

        check()
