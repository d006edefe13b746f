"""An HSDS 3.0 data package (opendata/datapackage.py's zip) read as spreadsheet rows.

The import of a data package is the spreadsheet import (activities/importer.py) with
another reader: each service becomes one row in the spreadsheet's columns, so preview,
errors, permissions, the one history entry and undo are the same. Services, programmes
and places are matched by their open-data ids (`uuid`, `program`, `miejsce_uuid`).

HSDS holds less than the directory (no drafts, translations, kinds, partners; one text
where we keep two), so a service that matches an activity starts from that activity's
own row (spreadsheet.export_rows) and takes from the package only what the package
says differently: exporting and importing back changes nothing. A new service comes in
as a draft (HSDS cannot say whether it should be public here), a new programme too.

Registered for the ".zip" extension in OpendataConfig.ready(), since activities may not
import opendata.
"""

import datetime
import uuid
import zipfile
from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from activities import spreadsheet
from activities.models import Activity, ActivityStatus, AgeGroup, Timing, Topic
from activities.spreadsheet import COLUMNS, COLUMNS_BY_FIELD, FileProblem
from opendata import datapackage, hsds
from programmes.models import Programme

BATCH = 500
# HSDS service status → ours, for a service new here or whose status changed.
STATUS = {
    "active": ActivityStatus.RUNNING,
    "inactive": ActivityStatus.PLANNED,
    "temporarily closed": ActivityStatus.SUSPENDED,
    "defunct": ActivityStatus.FINISHED,
}
BYDAY = {code: day for day, code in hsds.RRULE_DAYS.items()}
NEEDED = ["service", "program", "location", "address", "schedule", "service_at_location"]
NEEDED += ["cost_option", "attribute", "taxonomy_term"]


def package_problem(detail):
    return FileProblem(
        _("The file is not an HSDS 3.0 data package (%(detail)s).") % {"detail": detail}
    )


def read_package(file):
    """Rows as spreadsheet.read_table gives them: the header, then one row per service."""
    spreadsheet.check_zip(file, invalid=_("The file is not a valid ZIP archive."))
    try:
        archive = zipfile.ZipFile(file)
        package = datapackage.Package(archive)
    except KeyError:
        raise package_problem(_("no datapackage.json")) from None
    except (ValueError, zipfile.BadZipFile) as error:
        raise package_problem(str(error)) from None
    missing = [name for name in NEEDED if name not in package.resources]
    if missing:
        raise package_problem(_("missing tables: %(names)s") % {"names": ", ".join(missing)})
    return _rows(archive, package)


def _rows(archive, package):
    try:
        with archive:
            tables = PackageTables(package)
            yield [column.header for column in COLUMNS]
            batch = []
            for service in package.rows("service"):
                batch.append(service)
                if len(batch) == BATCH:
                    yield from tables.rows_for(batch)
                    batch = []
            yield from tables.rows_for(batch)
    except (KeyError, ValueError, UnicodeDecodeError, zipfile.BadZipFile) as error:
        raise package_problem(str(error)) from None


class PackageTables:
    """The small tables in memory, and per service only the few values it needs."""

    def __init__(self, package):
        self.programs = {row["id"]: row for row in package.rows("program")}
        self.addresses = {row["location_id"]: row for row in package.rows("address")}
        self.places = {row["id"]: row for row in package.rows("location")}
        self.terms = {row["id"]: row for row in package.rows("taxonomy_term")}
        self.place_of = {
            row["service_id"]: row["location_id"] for row in package.rows("service_at_location")
        }
        self.schedules = defaultdict(list)
        for row in package.rows("schedule"):
            self.schedules[row["service_id"]].append(row)
        self.costs = defaultdict(list)
        for row in package.rows("cost_option"):
            self.costs[row["service_id"]].append(row)
        self.languages = defaultdict(list)
        if "language" in package.resources:
            for row in package.rows("language"):
                if row.get("service_id"):
                    self.languages[row["service_id"]].append(row.get("code") or row["name"])
        self.attributes = defaultdict(list)
        for row in package.rows("attribute"):
            if row.get("link_entity", "service") == "service":
                self.attributes[row["link_id"]].append(row["taxonomy_term_id"])
        self.local_terms = {
            str(term.uuid): term for model in (Topic, AgeGroup) for term in model.objects.all()
        }
        self.programme_slugs = {
            str(uuid): slug for uuid, slug in Programme.objects.values_list("uuid", "slug")
        }

    def rows_for(self, services):
        ids = [service["id"] for service in services]
        existing = Activity.objects.filter(uuid__in=[i for i in ids if is_uuid(i)]).with_related()
        activities = {str(activity.uuid): activity for activity in existing}
        own_rows = {}
        if activities:
            uuid_at = COLUMNS.index(COLUMNS_BY_FIELD["uuid"])
            for row in spreadsheet.export_rows(Activity.objects.filter(uuid__in=activities)):
                own_rows[row[uuid_at]] = row
        for service in services:
            activity = activities.get(service["id"])
            row = own_rows.get(service["id"]) or [""] * len(COLUMNS)
            values = dict(zip([c.field for c in COLUMNS], row, strict=True))
            self.apply(service, activity, values)
            yield [values[column.field] for column in COLUMNS]

    # Each part of a service: taken when new here, or when it says something else
    # than the matched activity would publish.

    def apply(self, service, activity, values):
        values["uuid"] = service["id"]
        values["title_pl"] = service["name"]
        self.apply_programme(service, activity, values)
        if activity is None:
            values["slug"] = slug_from_url(service.get("url", ""))
        summary = hsds.service_summary(activity, str) if activity else {}
        description = service.get("description", "")
        if description != summary.get("description", ""):
            first, _sep, rest = description.partition("\n\n")
            values["summary_pl"], values["description_pl"] = first, rest
        if service.get("status") != summary.get("status"):
            values["status"] = spreadsheet.choice_label(
                ActivityStatus, STATUS.get(service.get("status"), ActivityStatus.RUNNING)
            )
        eligibility = service.get("eligibility_description", "")
        if eligibility != summary.get("eligibility_description", ""):
            values["audience_note_pl"], values["eligibility_pl"] = "", eligibility
        for name in ("minimum_age", "maximum_age"):
            if service.get(name, "") != str(summary.get(name, "")):
                values[{"minimum_age": "min_age", "maximum_age": "max_age"}[name]] = service[name]
        if service.get("assured_date", "") != summary.get("assured_date", ""):
            values["last_verified"] = service.get("assured_date", "")
        self.apply_costs(service, activity, values)
        self.apply_schedules(service, activity, values)
        self.apply_terms(service, activity, values)
        self.apply_languages(service, activity, values)
        self.apply_place(service, activity, values)

    def apply_programme(self, service, activity, values):
        program_id = service.get("program_id", "")
        if activity is not None and str(activity.programme.uuid) == program_id:
            return
        if program_id in self.programme_slugs:
            values["programme"] = self.programme_slugs[program_id]
            values["programme_name"] = ""
        else:
            values["programme"] = program_id
            values["programme_name"] = self.programs.get(program_id, {}).get("name", "")

    def apply_costs(self, service, activity, values):
        options = self.costs.get(service["id"], [])
        free = any(option.get("amount") in ("0", "0.0") for option in options)
        note = service.get("fees_description", "")
        if activity is not None and (activity.free_of_charge, activity.cost_note or "") == (
            free,
            note,
        ):
            return
        values["free_of_charge"] = "tak" if free else "nie"
        values["cost_note_pl"] = note

    def apply_schedules(self, service, activity, values):
        rows = self.schedules.get(service["id"], [])
        incoming = sorted(schedule_key(row) for row in rows)
        if activity is not None and incoming == sorted(
            schedule_key({k: str(v) for k, v in row.items()}) for row in hsds.schedules(activity)
        ):
            return
        weekly = [row for row in rows if row.get("freq") == "WEEKLY" and row.get("byday")]
        if weekly:
            values["sessions"] = spreadsheet.format_sessions(
                sorted(
                    (BYDAY[day], clock(row["opens_at"]), clock(row["closes_at"]))
                    for row in weekly
                    for day in row["byday"].split(",")
                )
            )
            return
        values["sessions"] = ""
        row = rows[0] if rows else {}
        if row.get("dtstart"):
            values["timing"] = spreadsheet.choice_label(Timing, Timing.DATED)
            values["starts_on"] = row["dtstart"]
            values["ends_on"] = row["until"] if row.get("until") != row["dtstart"] else ""
        else:
            values["starts_on"] = row.get("valid_from", "")
            values["ends_on"] = row.get("valid_to", "")
            dated = spreadsheet.choice_label(Timing, Timing.DATED)
            if not values["timing"] or values["timing"] == dated:
                timing = Timing.FROM_DATE if values["starts_on"] else Timing.ONGOING
                values["timing"] = spreadsheet.choice_label(Timing, timing)
        values["timing_note_pl"] = row.get("description", "")

    def apply_terms(self, service, activity, values):
        incoming = set(self.attributes.get(service["id"], []))
        if activity is not None and incoming == {
            str(term.uuid) for term in [*activity.topic_list, *activity.age_group_list]
        }:
            return
        found = {"topics": [], "age_groups": []}
        for term_id in sorted(incoming):
            term = self.local_terms.get(term_id)
            described = self.terms.get(term_id, {})
            if term is not None:
                field = "topics" if isinstance(term, Topic) else "age_groups"
                found[field].append(term.slug)
            else:  # not here: its name, which the import then finds or names as unknown
                is_age = described.get("taxonomy_id") == str(hsds.AGE_GROUPS_TAXONOMY_ID)
                found["age_groups" if is_age else "topics"].append(described.get("name") or term_id)
        for field, names in found.items():
            values[field] = f"{spreadsheet.LIST_SEPARATOR} ".join(names)

    def apply_languages(self, service, activity, values):
        if "languages" not in values:
            return  # a spreadsheet without the column
        incoming = sorted(self.languages.get(service["id"], []))
        if activity is not None and incoming == sorted(
            language.code or language.name for language in activity.languages.all()
        ):
            return
        values["languages"] = f"{spreadsheet.LIST_SEPARATOR} ".join(incoming)

    def apply_place(self, service, activity, values):
        place_id = self.place_of.get(service["id"], "")
        address = self.addresses.get(place_id, {})
        if activity is not None:
            place = activity.location
            now = (str(place.uuid), place.address, str(place.district or "")) if place else None
            if now == (place_id, address.get("address_1"), address.get("region", "")):
                return
            if place is None and not place_id:
                return
        values["location_uuid"] = place_id
        values["address"] = address.get("address_1", "")
        values["district"] = address.get("region", "")


def schedule_key(row):
    names = ["byday", "opens_at", "closes_at", "dtstart", "until", "valid_from", "valid_to"]
    return tuple(row.get(name, "") for name in [*names, "description"])


def clock(value):
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        raise package_problem(_("a time “%(value)s”") % {"value": value}) from None


def is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def slug_from_url(url):
    """An activity page's slug from its address (…/zajecia/<slug>/), or "" to make one."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] if url else ""


# --- Writing, for `manage.py export_directory FILE.zip` -------------------------------


def write_package(activities, file, progress=None):
    """The data package as the site publishes it: published content only, whatever
    `activities` holds (drafts never leave the site as open data)."""
    site = settings.SITE_URL or "http://localhost"
    datapackage.write_package(file, lambda path: site + path, progress)
