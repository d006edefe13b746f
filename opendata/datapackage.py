"""The whole directory as an HSDS 3.0 tabular data package: one CSV per HSDS table and a
datapackage.json (Frictionless Data) describing them, in one zip.

Writing (this module's job for /api/hsds/datapackage.zip and `manage.py
build_datapackage`):

    write_package(file, absolute_url, progress=None)  # streams every table into a zip
    package_path()                                     # the current build, rebuilt on change

Reading it back (the import builds on these, so export and import round-trip):

    with open_package(path) as package:
        package.descriptor                  # datapackage.json as a dict
        for row in package.rows("service"): # dicts, "" for an empty cell
            ...

Tables and their columns come from the HSDS schema files (opendata/hsds_schema/): every
schema with a `path` is a table, its non-list, non-object properties are its columns,
in the schema's order. A service's lists (schedules, service_areas, contacts…) become
rows of their own tables, as HSDS's tabular form has them. Memory stays bounded at any
size: services are read CHUNK at a time and each table is written to its own temporary
file before the zip is assembled.
"""

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone, translation

from activities.models import Activity, AgeGroup, Topic, WeeklySession
from opendata import hsds
from opendata.openapi import schema, schema_names
from programmes.models import Location, Programme, StaffContact

CHUNK = 500
DESCRIPTOR = "datapackage.json"
TYPES = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean"}
# Columns naming a row of another table, checked by validators as foreign keys.
REFERENCES = {
    "organization_id": "organization",
    "program_id": "program",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "taxonomy_id": "taxonomy",
    "taxonomy_term_id": "taxonomy_term",
}


# --- Tables ---------------------------------------------------------------------------------


def tables():
    """{table name: HSDS schema} for every HSDS table, in the specification's order."""
    found = {}
    for name in schema_names():
        table = schema(name)
        if "path" in table:
            found[table["name"]] = table
    return dict(sorted(found.items(), key=lambda item: item[1]["datapackage_metadata"]["order"]))


def columns(table):
    return [
        name
        for name, field in table["properties"].items()
        if field.get("type") not in ("array", "object") and "$ref" not in field
    ]


def nested_tables(table):
    """{property: table name} for a schema's lists that are tables of their own."""
    nested = {}
    for name, field in table["properties"].items():
        if field.get("type") == "array" and "$ref" in field.get("items", {}):
            nested[name] = field["items"]["$ref"].removesuffix(".json")
    return nested


def field_descriptor(name, field):
    descriptor = {
        "name": name,
        "type": field.get("datapackage_type") or TYPES.get(field.get("type"), "string"),
        "description": field.get("description", ""),
    }
    if field.get("format") in ("uuid", "email", "uri") and descriptor["type"] == "string":
        descriptor["format"] = field["format"]
    if descriptor["type"] == "time":
        descriptor["format"] = "%H:%M"  # HSDS writes opening times as HH:MM
    return descriptor


def table_schema(name, table, names):
    fields = [field_descriptor(column, table["properties"][column]) for column in columns(table)]
    keys = [
        {"fields": column, "reference": {"resource": REFERENCES[column], "fields": "id"}}
        for column in columns(table)
        if column in REFERENCES and REFERENCES[column] in names and REFERENCES[column] != name
    ]
    if name == "taxonomy_term":  # a term's parent is a term
        keys.append({"fields": "parent_id", "reference": {"resource": "", "fields": "id"}})
    return {"fields": fields, "primaryKey": ["id"], "foreignKeys": keys}


def descriptor(created):
    all_tables = tables()
    licence = {
        "name": "CC-BY-4.0" if "by/4.0" in settings.OPEN_DATA_LICENCE_URL else "other",
        "path": settings.OPEN_DATA_LICENCE_URL,
        "title": settings.OPEN_DATA_LICENCE_NAME
        + ("" if settings.OPEN_DATA_LICENCE_CONFIRMED else " (proposed, awaiting confirmation)"),
    }
    return {
        "name": "pal-krakow-hsds",
        "title": "Programy Aktywności Lokalnej MOPS Kraków (HSDS 3.0)",
        "profile": "tabular-data-package",
        "version": hsds.HSDS_VERSION,
        "created": created.isoformat(timespec="seconds"),
        "licenses": [licence],
        "resources": [
            {
                "name": name,
                "path": table["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.get("description", ""),
                "schema": table_schema(name, table, all_tables),
            }
            for name, table in all_tables.items()
        ],
    }


# --- Writing --------------------------------------------------------------------------------


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class TableWriter:
    """One temporary CSV file per table; `add(name, obj)` writes obj and its nested lists."""

    def __init__(self, stack):
        self.tables = tables()
        self.files, self.writers = {}, {}
        for name, table in self.tables.items():
            # Closed (and deleted) by the caller's ExitStack.
            temporary = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
            handle = stack.enter_context(temporary)
            writer = csv.DictWriter(handle, fieldnames=columns(table), extrasaction="ignore")
            writer.writeheader()
            self.files[name], self.writers[name] = handle, writer

    def add(self, name, obj):
        self.writers[name].writerow({key: cell(value) for key, value in obj.items()})
        for field, table in nested_tables(self.tables[name]).items():
            for item in obj.get(field, []):
                self.add(table, item)

    def write_zip(self, target, descriptor_data):
        def member(path):
            info = zipfile.ZipInfo(path, date_time=timezone.localtime().timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            return info

        with zipfile.ZipFile(target, "w") as archive:
            text = json.dumps(descriptor_data, ensure_ascii=False, indent=2)
            archive.writestr(member(DESCRIPTOR), text)
            for name, handle in self.files.items():
                handle.seek(0)
                with archive.open(member(self.tables[name]["path"]), "w") as entry:
                    while block := handle.read(1 << 16):
                        entry.write(block.encode("utf-8"))


def published_locations():
    """Places of published programmes, and any place a published activity names."""
    programmes = Programme.objects.published()
    used = Activity.objects.published().filter(location__isnull=False).values("location")
    return (
        Location.objects.filter(Q(programme__in=programmes) | Q(pk__in=used))
        .select_related("district")
        .order_by("programme", "order", "pk")
    )


def write_package(target, absolute_url, progress=None):
    """Write the data package as a zip to `target` (a path or binary file).

    `absolute_url(path)` makes a page's address absolute; `progress(done, total)` is
    called after each chunk of services.
    """
    with translation.override("pl"), ExitStack() as stack:
        writer = TableWriter(stack)
        writer.add("organization", hsds.organization())
        for programme in Programme.objects.published().order_by("sort_name", "pk"):
            writer.add("program", hsds.program(programme))
        for place in published_locations().iterator(chunk_size=CHUNK):
            writer.add("location", hsds.location(place))
        for taxonomy_id, details in hsds.TAXONOMIES.items():
            writer.add("taxonomy", hsds.taxonomy(taxonomy_id, absolute_url))
            for term in details["model"].objects.all():
                writer.add("taxonomy_term", hsds.taxonomy_term(term, absolute_url))
        ids = list(hsds.published_services().values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            for activity in hsds.in_order(ids[start : start + CHUNK]):
                service = hsds.service(activity, absolute_url)
                at_location = service.pop("service_at_locations")
                writer.add("service", service)
                for item in at_location:
                    item.pop("location", None)  # written once, with the locations
                    writer.add("service_at_location", item)
            if progress:
                progress(min(start + CHUNK, len(ids)), len(ids))
        writer.write_zip(target, descriptor(timezone.now()))


# --- The current build ----------------------------------------------------------------------


def fingerprint():
    """Changes whenever published content may have: saves, deletions, and the date
    (visibility periods start and end at midnight). A few aggregate queries."""
    parts = [timezone.localdate().isoformat()]
    for model in (Programme, Activity):
        parts.append(model.objects.aggregate(n=Count("pk"), last=Max("updated_at")))
    for model in (Location, StaffContact, WeeklySession):
        parts.append(model.objects.aggregate(n=Count("pk"), last=Max("pk")))
    for model in (Topic, AgeGroup):  # small, edited on their own
        parts.append(list(model.objects.values_list("uuid", "slug", "name", "description")))
    parts.append(
        [
            settings.OPEN_DATA_LICENCE_NAME,
            settings.OPEN_DATA_LICENCE_URL,
            settings.OPEN_DATA_LICENCE_CONFIRMED,
        ]
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def package_path(absolute_url, progress=None):
    """The data package of the current content, built first if content changed."""
    directory = Path(settings.OPEN_DATA_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"hsds-{fingerprint()}.zip"
    if not path.exists():
        # Built beside and renamed: a reader never sees half a file.
        handle, partial = tempfile.mkstemp(dir=directory, suffix=".partial")
        try:
            with os.fdopen(handle, "wb") as target:
                write_package(target, absolute_url, progress)
            os.replace(partial, path)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        for old in directory.glob("hsds-*.zip"):
            if old != path:
                old.unlink(missing_ok=True)
    return path


# --- Reading --------------------------------------------------------------------------------


class Package:
    def __init__(self, archive):
        self.archive = archive
        self.descriptor = json.loads(archive.read(DESCRIPTOR).decode("utf-8"))
        self.resources = {item["name"]: item for item in self.descriptor["resources"]}

    def rows(self, table):
        """The rows of one table, as dicts of strings, read lazily."""
        with self.archive.open(self.resources[table]["path"]) as raw:
            yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))


@contextmanager
def open_package(source):
    """A data package (a path or binary file) to read: see Package."""
    with zipfile.ZipFile(source) as archive:
        yield Package(archive)
