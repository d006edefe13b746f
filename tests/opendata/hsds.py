"""Reading what the API publishes the way an HSDS consumer does: JSON Schema validation
against the HSDS 3.0 schemas (opendata/hsds_schema/, the reference files unchanged)."""

import json
from functools import cache

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from opendata.openapi import schema, schema_names


@cache
def validator(name):
    registry = Registry().with_resources(
        (f"{other}.json", Resource.from_contents(schema(other), DRAFT202012))
        for other in schema_names()
    )
    return Draft202012Validator(
        {"$ref": f"{name}.json"}, registry=registry, format_checker=FormatChecker()
    )


def assert_valid(name, data):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(data)]
    assert errors == [], errors


PAGE_FIELDS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


def assert_page(body, item_schema):
    """The HSDS paging envelope, and every item valid against `item_schema`."""
    assert {key: type(body.get(key)) for key in PAGE_FIELDS} == PAGE_FIELDS
    for item in body["contents"]:
        assert_valid(item_schema, item)


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"].split(";")[0] == "application/json"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return json.loads(content.decode("utf-8"))
