"""Our OpenAPI description: HSDS 3.0's openapi.json made self-contained and filled in.

The reference file points at schemas on raw.githubusercontent.com (some of them, the
"compiled" list variants, not published) and documents no errors. Ours embeds the HSDS
schemas shipped in opendata/hsds_schema/, documents the 400 and 404 answers, and
describes this server. Tests validate every response against it.
"""

import copy
import functools
import json
import re
from pathlib import Path

from django.conf import settings

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"
REMOTE_REF = re.compile(
    r"^https://raw\.githubusercontent\.com/openreferral/specification/3\.0/schema/"
    r"(?:compiled/)?(\w+?)(?:_list)?\.json$"
)
ERROR = {
    "type": "object",
    "required": ["status", "message"],
    "properties": {
        "status": {"type": "integer"},
        "message": {"type": "string"},
        "errors": {"type": "object"},
    },
}


def schema(name):
    """One HSDS JSON schema (e.g. "service"), as the file in hsds_schema/ has it."""
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def schema_names():
    return sorted(path.stem for path in SCHEMA_DIR.glob("*.json") if path.stem != "openapi")


def _local_refs(node):
    """Rewrites "$ref": "phone.json" and the remote refs to #/components/schemas/…."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and not value.startswith("#"):
                remote = REMOTE_REF.match(value)
                name = remote.group(1) if remote else value.removesuffix(".json")
                result[key] = f"#/components/schemas/{name}"
            else:
                result[key] = _local_refs(value)
        return result
    if isinstance(node, list):
        return [_local_refs(item) for item in node]
    return node


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


@functools.cache
def _template():
    document = _local_refs(schema("openapi"))
    components = document["components"]
    for name in schema_names():
        components["schemas"][name] = _local_refs(schema(name))
    components["schemas"]["Error"] = ERROR
    # HSDS 3.0 returns a service from /service_at_locations/{id}; ours is the
    # service_at_location with its location and its full service nested ("service").
    detail = document["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    detail["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/service_at_location"
    }
    for path, item in document["paths"].items():
        for parameter in item.get("parameters", []):
            if parameter.get("in") == "path":
                parameter["schema"]["minLength"] = 1
        operation = item["get"]
        responses = operation["responses"]
        if path != "/":
            responses["400"] = _error_response("A parameter is malformed or names nothing.")
            responses["404"] = _error_response(
                "No published item with this id, or a page past the last one."
            )
        # ndjson streams every result, one object per line, when format=ndjson.
        if any(p.get("$ref", "").endswith("/format") for p in operation.get("parameters", [])):
            responses["200"]["content"]["application/x-ndjson"] = {"schema": {}}
    # The reference's "datetime" is not a JSON Schema format; RFC 3339 is what we accept.
    components["parameters"]["modified_after"]["schema"]["format"] = "date-time"
    return document


def document(base_url):
    """The OpenAPI description of the API served at `base_url` (…/api/hsds/)."""
    result = copy.deepcopy(_template())
    result["info"] = {
        "title": "PAL Kraków – otwarte dane (HSDS 3.0)",
        "version": "1.0.0",
        "summary": "Programy Aktywności Lokalnej MOPS Kraków i ich zajęcia w formacie HSDS 3.0.",
        "description": (
            "Read-only. Only published content. Texts in Polish. Ids are permanent UUIDs. "
            "Paging: page, per_page (at most 500); format=ndjson streams every result."
        ),
        "license": {"name": settings.OPEN_DATA_LICENCE_NAME, "url": settings.OPEN_DATA_LICENCE_URL},
    }
    result["servers"] = [{"url": base_url.rstrip("/")}]
    return result
