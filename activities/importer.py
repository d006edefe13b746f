"""Import a spreadsheet of activities (activities/spreadsheet.py): check, preview, save.

Every row is checked as strictly as the admin form, and compared with what the
directory holds: created, changed (with each field's old and new value), unchanged,
or an error naming the row, the column and the problem. The rows are saved inside
one transaction, so later rows see the programmes and places earlier ones created;
a preview (or any error) rolls the transaction back, and a confirmed import is one
django-reversion revision that `undo_import` takes back.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

# The registration (fields, follow) reversion itself uses for a model.
from reversion.revisions import _get_options

from activities import spreadsheet
from activities.models import (
    Activity,
    ActivityKind,
    ActivitySlugHistory,
    ActivityStatus,
    AgeGroup,
    DirectoryImport,
    HowToJoin,
    Language,
    Partner,
    Timing,
    Topic,
    WeeklySession,
)
from activities.spreadsheet import COLUMNS_BY_FIELD, CellProblem, FileProblem
from programmes.models import (
    District,
    Location,
    Programme,
    ProgrammeSlugHistory,
    StepFreeAccess,
    is_editor,
)
from programmes.search import fold

CREATED, CHANGED, UNCHANGED, ERROR = "created", "changed", "unchanged", "error"

# Activity fields the spreadsheet fills directly (the rest are looked up or derived).
TEXT_FIELDS = [
    f"{name}_{language}"
    for name in (
        "title",
        "summary",
        "description",
        "audience_note",
        "eligibility",
        "timing_note",
        "cost_note",
        "only_for",
        "how_to_join_note",
        "what_to_bring",
        "notice",
    )
    for language in spreadsheet.LANGUAGES
]
M2M_FIELDS = ["age_groups", "topics", "partners", "languages"]
CHOICE_FIELDS = {
    "kind": ActivityKind,
    "status": ActivityStatus,
    "timing": Timing,
    "how_to_join": HowToJoin,
}
DATE_FIELDS = [
    "visible_from",
    "visible_until",
    "starts_on",
    "ends_on",
    "last_verified",
    "notice_until",
]
NUMBER_FIELDS = ["min_age", "max_age", "edition", "order"]
# An empty cell keeps what is saved (or the default for a new activity).
KEEP_WHEN_EMPTY = ["published", "free_of_charge", "order", *CHOICE_FIELDS]
# Activity's cross-field database constraints, checked in Python (a constraint's own
# validate() asks the database once per row), with the column to blame.
CROSS_FIELD_RULES = {
    "activity_min_age_not_above_max_age": (
        "max_age",
        lambda a: a.min_age is None or a.max_age is None or a.min_age <= a.max_age,
    ),
    "activity_ends_after_start": (
        "ends_on",
        lambda a: a.starts_on is None or a.ends_on is None or a.ends_on >= a.starts_on,
    ),
    "activity_paid_needs_cost_note": ("cost_note_pl", lambda a: a.free_of_charge or a.cost_note),
    "activity_notice_has_end_date": ("notice_until", lambda a: not a.notice or a.notice_until),
    "activity_visible_period": (
        "visible_until",
        lambda a: (
            a.visible_from is None or a.visible_until is None or a.visible_until >= a.visible_from
        ),
    ),
}


@dataclass
class RowResult:
    row: int
    status: str
    slug: str = ""
    title: str = ""
    changes: list = field(default_factory=list)  # [(column header, old, new)]
    errors: list = field(default_factory=list)  # full messages


@dataclass
class ImportResult:
    file_name: str
    counts: Counter = field(default_factory=Counter)
    rows: list = field(default_factory=list)  # the first rows worth showing
    file_errors: list = field(default_factory=list)
    saved: bool = False
    directory_import: DirectoryImport | None = None

    @property
    def ok(self):
        return not self.file_errors and not self.counts[ERROR]

    @property
    def total(self):
        return sum(self.counts.values())

    def add(self, row):
        self.counts[row.status] += 1
        if row.status != UNCHANGED and len(self.rows) < settings.IMPORT_PREVIEW_ROWS:
            self.rows.append(row)

    def error_messages(self):
        return [*self.file_errors, *(error for row in self.rows for error in row.errors)]


def cell_error(row, column, problem):
    return _("Row %(row)s, column “%(column)s”: %(problem)s") % {
        "row": row,
        "column": column.header,
        "problem": problem,
    }


class Importer:
    """One import run. `user` None (the command line) may change every programme."""

    def __init__(self, user=None, on_row=None, progress_every=0, on_progress=None):
        self.user = user
        self.on_row = on_row
        self.progress_every = progress_every
        self.on_progress = on_progress
        self.own_programmes = (
            None
            if user is None or is_editor(user)
            else set(user.coordinated_programmes.values_list("pk", flat=True))
        )
        self.programmes = {}
        self.locations = {}
        self.seen_slugs = {}
        self.seen_uuids = {}
        self.created = defaultdict(list)
        self.commit = False

    # Lookups, read once per import ------------------------------------------------

    def load_vocabularies(self):
        self.districts = {}
        for district in District.objects.all():
            names = [district.numeral, str(district.number), district.slug]
            names += [
                getattr(district, f"name_{language}") or "" for language in ("pl", "uk", "en")
            ]
            names.append(f"{district.numeral} {district.name_pl}")
            for name in names:
                if name:
                    self.districts[fold(name)] = district
        self.age_groups = self._vocabulary(AgeGroup)
        self.topics = self._vocabulary(Topic)
        self.partners = {fold(partner.name): partner for partner in Partner.objects.all()}
        self.languages = {}
        for item in Language.objects.all():
            names = [item.code, *(getattr(item, f"name_{lang}") for lang in spreadsheet.LANGUAGES)]
            self.languages.update({fold(name): item for name in names if name})

    @staticmethod
    def _vocabulary(model):
        lookup = {}
        for item in model.objects.all():
            names = [item.slug, *(getattr(item, f"name_{lang}") for lang in spreadsheet.LANGUAGES)]
            lookup.update({fold(name): item for name in names if name})
        return lookup

    # Cells -----------------------------------------------------------------------

    def parse(self, field_name, raw):
        if field_name in TEXT_FIELDS or field_name in ("programme", "programme_name", "address"):
            return spreadsheet.text(raw)
        if field_name == "slug":
            slug = spreadsheet.text(raw)
            if slug:
                try:
                    validate_slug(slug)
                except ValidationError:
                    raise CellProblem(
                        _("“%(value)s” is not a valid slug (letters, digits, hyphens)")
                        % {"value": slug}
                    ) from None
            return slug
        if field_name in ("uuid", "location_uuid"):
            return spreadsheet.open_data_id(raw)
        if field_name in CHOICE_FIELDS:
            return spreadsheet.choice(raw, CHOICE_FIELDS[field_name])
        if field_name == "step_free":
            return spreadsheet.choice(raw, StepFreeAccess)
        if field_name in ("published", "free_of_charge"):
            return spreadsheet.boolean(raw) if spreadsheet.text(raw) else None
        if field_name in DATE_FIELDS:
            return spreadsheet.date(raw)
        if field_name in NUMBER_FIELDS:
            return spreadsheet.number(raw)
        if field_name == "sessions":
            return spreadsheet.sessions(raw)
        if field_name == "district":
            name = spreadsheet.text(raw)
            if not name:
                return None
            district = self.districts.get(fold(name)) or self.districts.get(fold(name.split()[0]))
            if district is None:
                raise CellProblem(
                    _("unknown district “%(value)s” (write its name or numeral, e.g. XVII)")
                    % {"value": name}
                )
            return district
        if field_name in M2M_FIELDS:
            lookup = getattr(self, field_name)
            found, unknown = [], []
            for name in spreadsheet.items(raw):
                item = lookup.get(fold(name))
                (found if item else unknown).append(item or name)
            if unknown:
                names = ", ".join(f"“{name}”" for name in unknown)
                if field_name == "partners":
                    raise CellProblem(
                        _("unknown partner: %(names)s (a central editor adds partners in admin)")
                        % {"names": names}
                    )
                raise CellProblem(
                    _("unknown: %(names)s (see the list in the template's second sheet)")
                    % {"names": names}
                )
            return sorted({item.pk: item for item in found}.values(), key=lambda i: i.pk)
        raise AssertionError(field_name)

    # The file --------------------------------------------------------------------

    def read_header(self, header):
        if not header or not any(spreadsheet.text(cell) for cell in header):
            raise FileProblem(_("The file is empty: the first row must name the columns."))
        columns, problems, seen = [], [], set()
        for cell in header:
            name = spreadsheet.text(cell)
            column = spreadsheet.COLUMNS_BY_KEY.get(spreadsheet.header_key(name)) if name else None
            if name and column is None:
                problems.append(_("unknown column “%(name)s”") % {"name": name})
            elif column in seen:
                problems.append(_("column “%(name)s” appears twice") % {"name": name})
            seen.add(column)
            columns.append(column)
        for column in spreadsheet.COLUMNS:
            if column.required and column not in seen:
                problems.append(_("missing column “%(name)s”") % {"name": column.header})
        if problems:
            raise FileProblem(
                _("Wrong columns in the first row: %(problems)s. Start from the template.")
                % {"problems": "; ".join(problems)}
            )
        return columns

    def run(self, file, name, commit=False):
        """Check (and with `commit`, save) every row of the file."""
        self.commit = commit
        result = ImportResult(file_name=name)
        with translation.override("pl"):
            self.load_vocabularies()
            try:
                rows = spreadsheet.read_table(file, name)
                columns = self.read_header(next(rows, None))
            except FileProblem as problem:
                result.file_errors.append(str(problem))
                return result
            with transaction.atomic():
                if commit:
                    self.history = HistoryWriter(self.user)
                self._import_rows(rows, columns, result)
                result.saved = commit and result.ok
                if result.saved and (result.counts[CREATED] or result.counts[CHANGED]):
                    result.directory_import = self._record(result)
                elif result.saved:
                    self.history.revision.delete()  # Nothing changed: no history entry.
                if not result.saved:
                    transaction.set_rollback(True)
        return result

    def _import_rows(self, rows, columns, result):
        batch = []
        try:
            for number, values in enumerate(rows, start=2):
                cells = {
                    column: value
                    for column, value in zip(columns, values, strict=False)
                    if column is not None
                }
                if all(_is_blank(value) for value in cells.values()):
                    continue
                if result.total + len(batch) >= settings.IMPORT_MAX_ROWS:
                    raise FileProblem(
                        _("The file has more than %(limit)s rows; split it into smaller files.")
                        % {"limit": settings.IMPORT_MAX_ROWS}
                    )
                batch.append((number, cells))
                if len(batch) == self.BATCH:
                    self._import_batch(batch, result)
                    batch = []
            self._import_batch(batch, result)
        except FileProblem as problem:
            result.file_errors.append(str(problem))

    # Rows are read from the file in batches: the activities they name are looked up
    # with one query per batch instead of one per row.
    BATCH = 500

    def _import_batch(self, batch, result):
        slugs = [self.row_slug(cells) for _number, cells in batch]
        ids = [self.row_uuid(cells) for _number, cells in batch]
        existing = (
            Activity.objects.filter(
                Q(slug__in=[slug for slug in slugs if slug]) | Q(uuid__in=[i for i in ids if i])
            )
            .select_related("programme", "location__district")
            .prefetch_related("age_groups", "topics", "partners", "sessions")
        )
        self.existing = {activity.slug: activity for activity in existing}
        self.existing_by_uuid = {activity.uuid: activity for activity in self.existing.values()}
        for number, cells in batch:
            row = self.import_row(number, cells)
            result.add(row)
            if self.on_row:
                self.on_row(row)
            if self.on_progress and result.total % self.progress_every == 0:
                self.on_progress(result.total)

    @staticmethod
    def row_slug(cells):
        """The slug a row names, or makes from its title (as import_row does)."""
        values = {column.field: value for column, value in cells.items()}
        try:
            slug = spreadsheet.text(values.get("slug"))
            return slug or slugify(fold(spreadsheet.text(values.get("title_pl"))))[:200]
        except CellProblem:
            return None

    @staticmethod
    def row_uuid(cells):
        for column, value in cells.items():
            if column.field == "uuid":
                try:
                    return spreadsheet.open_data_id(value)
                except CellProblem:
                    return None
        return None

    def _record(self, result):
        self.history.flush()
        revision = self.history.revision
        revision.comment = _(
            "Import of %(file)s: %(created)s created, %(changed)s changed "
            "(new ones saved here as created, changed ones as they were before)"
        ) % {
            "file": result.file_name,
            "created": result.counts[CREATED],
            "changed": result.counts[CHANGED],
        }
        revision.save(update_fields=["comment"])
        return DirectoryImport.objects.create(
            revision=revision,
            file_name=result.file_name[:255],
            created_objects=dict(self.created),
            created_count=result.counts[CREATED],
            changed_count=result.counts[CHANGED],
            unchanged_count=result.counts[UNCHANGED],
        )

    # One row ---------------------------------------------------------------------

    def import_row(self, number, cells):
        values, errors = {}, []
        for column, raw in cells.items():
            try:
                values[column.field] = self.parse(column.field, raw)
            except CellProblem as problem:
                errors.append(cell_error(number, column, problem))
        title = values.get("title_pl", "")
        open_data_id = values.get("uuid")
        activity = self.existing_by_uuid.get(open_data_id) if open_data_id else None
        # A row matched by its id keeps its slug when the slug cell is empty.
        slug = values.get("slug") or (activity.slug if activity else slugify(fold(title))[:200])
        result = RowResult(row=number, status=ERROR, slug=slug, title=title, errors=errors)
        for required in ("programme", "title_pl", "summary_pl"):
            if required in values and not values[required]:
                errors.append(cell_error(number, COLUMNS_BY_FIELD[required], _("empty")))
        if errors:
            return result
        if slug in self.seen_slugs:
            errors.append(
                cell_error(
                    number,
                    COLUMNS_BY_FIELD["slug"],
                    _("the slug “%(slug)s” is already used in row %(row)s")
                    % {"slug": slug, "row": self.seen_slugs[slug]},
                )
            )
            return result
        if open_data_id in self.seen_uuids:
            errors.append(
                cell_error(
                    number,
                    COLUMNS_BY_FIELD["uuid"],
                    _("the id “%(id)s” is already used in row %(row)s")
                    % {"id": open_data_id, "row": self.seen_uuids[open_data_id]},
                )
            )
            return result
        self.seen_slugs[slug] = number
        if open_data_id:
            self.seen_uuids[open_data_id] = number
        programme = self.programme_for(number, values, errors)
        holder = self.existing.get(slug)
        if open_data_id is None:
            activity = holder
        elif holder is not None and holder != activity:
            errors.append(
                cell_error(
                    number,
                    COLUMNS_BY_FIELD["slug"],
                    _("the slug “%(slug)s” belongs to another activity (id %(id)s)")
                    % {"slug": slug, "id": holder.uuid},
                )
            )
            return result
        if activity is not None and not self.may_import_into(activity.programme):
            errors.append(
                cell_error(
                    number,
                    COLUMNS_BY_FIELD["slug"],
                    _(
                        "the activity “%(slug)s” belongs to “%(programme)s”, "
                        "which you do not coordinate"
                    )
                    % {"slug": slug, "programme": activity.programme.name_pl},
                )
            )
        if errors:
            return result
        location_changes = []
        location = self.location_for(number, programme, values, activity, errors, location_changes)
        if errors:
            return result
        self.apply_step_free(number, location, values, errors, location_changes)
        if errors:
            return result
        return self.save_activity(
            number, activity, programme, location, values, result, location_changes
        )

    def may_import_into(self, programme):
        return self.own_programmes is None or programme.pk in self.own_programmes

    def programme_for(self, number, values, errors):
        slug = values["programme"]
        column = COLUMNS_BY_FIELD["programme"]
        # The column holds a programme's slug, or its open-data id (HSDS program.id).
        open_data_id = as_uuid(slug)
        if slug not in self.programmes:
            found = Programme.objects.filter(
                **({"uuid": open_data_id} if open_data_id else {"slug": slug})
            )
            self.programmes[slug] = found.first()
        programme = self.programmes[slug]
        if programme is None:
            if self.own_programmes is not None:
                errors.append(
                    cell_error(
                        number,
                        column,
                        _("there is no programme “%(slug)s” among those you coordinate")
                        % {"slug": slug},
                    )
                )
                return None
            name = values.get("programme_name", "")
            if not name:
                errors.append(
                    cell_error(
                        number,
                        column,
                        _(
                            "there is no programme “%(slug)s”; to create it, "
                            "give its name in the column “program_nazwa”"
                        )
                        % {"slug": slug},
                    )
                )
                return None
            extra = {}
            if open_data_id:
                extra["uuid"] = open_data_id
                slug = free_slug(Programme, slugify(fold(name))[:200] or "program")
            try:
                validate_slug(slug)
            except ValidationError:
                errors.append(
                    cell_error(
                        number, column, _("“%(value)s” is not a valid slug") % {"value": slug}
                    )
                )
                return None
            # A new programme starts as a draft: staff complete its page in admin.
            programme = Programme(name=name, slug=slug, summary="", published=False, **extra)
            programme.save()
            self._created(programme)
            self.programmes[values["programme"]] = programme
        elif not self.may_import_into(programme):
            errors.append(
                cell_error(
                    number,
                    column,
                    _("you do not coordinate the programme “%(name)s”")
                    % {"name": programme.name_pl},
                )
            )
            return None
        return programme

    def location_for(self, number, programme, values, activity, errors, changes):
        if values.get("location_uuid"):
            return self.location_by_id(number, programme, values, errors, changes)
        if "address" not in values:
            return activity.location if activity else None
        address, district = values["address"], values.get("district")
        if not address:
            if district:
                errors.append(
                    cell_error(
                        number,
                        COLUMNS_BY_FIELD["district"],
                        _("a district is given without an address"),
                    )
                )
            return None
        if programme.pk not in self.locations:
            self.locations[programme.pk] = {
                fold(place.address): place
                for place in programme.locations.select_related("district").order_by("-pk")
            }
        places = self.locations[programme.pk]
        location = places.get(fold(address))
        if location is None:
            location = self.new_location(number, errors, programme, address, district)
            if location is None:
                return None
            places[fold(address)] = location
        elif district is not None and location.district_id != district.pk:
            changes.append(
                (
                    f"{COLUMNS_BY_FIELD['district'].header} ({location.address})",
                    display(location.district),
                    display(district),
                )
            )
            if self.commit:
                self.history.add(location)
            location.district = district
            location.save()
        return location

    def apply_step_free(self, number, location, values, errors, changes):
        """The place's step-free access, when the row gives one (empty: keep it)."""
        access = values.get("step_free")
        if access is None or (location is not None and location.step_free == access):
            return
        column = COLUMNS_BY_FIELD["step_free"]
        if location is None:
            errors.append(
                cell_error(number, column, _("step-free access is given without a place"))
            )
            return
        changes.append(
            (
                f"{column.header} ({location.address})",
                spreadsheet.choice_label(StepFreeAccess, location.step_free),
                spreadsheet.choice_label(StepFreeAccess, access),
            )
        )
        if self.commit:
            self.history.add(location)
        location.step_free = access
        location.save(update_fields=["step_free"])

    def location_by_id(self, number, programme, values, errors, changes):
        """The place a row names by its open-data id: found, or created with that id."""
        place_id = values["location_uuid"]
        address, district = values.get("address", ""), values.get("district")
        location = Location.objects.select_related("district").filter(uuid=place_id).first()
        if location is not None and location.programme_id != programme.pk:
            errors.append(
                cell_error(
                    number,
                    COLUMNS_BY_FIELD["location_uuid"],
                    _("this place belongs to another programme"),
                )
            )
            return None
        if location is None:
            if not address:
                errors.append(
                    cell_error(
                        number, COLUMNS_BY_FIELD["address"], _("a new place needs an address")
                    )
                )
                return None
            location = self.new_location(
                number, errors, programme, address, district, uuid=place_id
            )
            if location is not None:
                self.locations.get(programme.pk, {})[fold(address)] = location
            return location
        changed = {}
        if address and address != location.address:
            changed["address"] = (COLUMNS_BY_FIELD["address"].header, address)
        if district is not None and location.district_id != district.pk:
            changed["district"] = (COLUMNS_BY_FIELD["district"].header, district)
        if changed:
            if self.commit:
                self.history.add(location)
            for name, (header, value) in changed.items():
                changes.append(
                    (
                        f"{header} ({location.address})",
                        display(getattr(location, name)),
                        display(value),
                    )
                )
                setattr(location, name, value)
            location.save()
        return location

    def save_activity(self, number, activity, programme, location, values, result, changes):
        created = activity is None
        if created:
            activity = Activity(programme=programme, slug=result.slug, published=False)
            if values.get("uuid"):
                activity.uuid = values["uuid"]
        new = {"programme": programme, "location": location, "slug": result.slug}
        for name in [*TEXT_FIELDS, *CHOICE_FIELDS, *DATE_FIELDS, *NUMBER_FIELDS]:
            if name in values and not (name in KEEP_WHEN_EMPTY and values[name] is None):
                new[name] = values[name]
        for name in ["published", "free_of_charge"]:
            if values.get(name) is not None:
                new[name] = values[name]
        if not created:
            changes += self.changes(activity, new, values)
        if changes and self.commit and not created:
            # The state before the import goes into the import's revision.
            self.history.add(activity)
        if not created and not changes:
            result.status = UNCHANGED
            return result
        for name, value in new.items():
            setattr(activity, name, value)
        if self.validate(number, activity, result.errors):
            return result
        activity.save()
        for name in M2M_FIELDS:
            if name in values and not created:
                getattr(activity, name).set(values[name])
            elif values.get(name):
                getattr(activity, name).add(*values[name])  # New: nothing to remove.
        if "sessions" in values and (created or self.sessions_of(activity) != values["sessions"]):
            activity.sessions.all().delete()
            WeeklySession.objects.bulk_create(
                WeeklySession(activity=activity, weekday=day, starts_at=starts, ends_at=ends)
                for day, starts, ends in values["sessions"]
            )
        if created:
            self._created(activity)
        result.status = CREATED if created else CHANGED
        result.changes = changes
        return result

    @staticmethod
    def sessions_of(activity):
        return sorted((s.weekday, s.starts_at, s.ends_at) for s in activity.sessions.all())

    def changes(self, activity, new, values):
        """[(column header, old, new)] for every value the row changes."""
        found = []
        for name, value in new.items():
            old = getattr(activity, name)
            if name == "programme" and old.pk != value.pk:
                found.append((COLUMNS_BY_FIELD["programme"].header, old.slug, value.slug))
            elif name == "location":
                if (old and old.pk) != (value and value.pk):
                    found.append((COLUMNS_BY_FIELD["address"].header, display(old), display(value)))
            elif name in TEXT_FIELDS and (old or "") == (value or ""):
                continue  # An untranslated text is empty in a file, NULL in the database.
            elif name == "slug" and old != value:
                found.append((COLUMNS_BY_FIELD["slug"].header, old, value))
            elif name not in ("programme", "slug") and old != value:
                found.append(
                    (COLUMNS_BY_FIELD[name].header, display(old, name), display(value, name))
                )
        for name in M2M_FIELDS:
            if name in values:
                old = list(getattr(activity, name).all())
                if {item.pk for item in old} != {item.pk for item in values[name]}:
                    found.append(
                        (COLUMNS_BY_FIELD[name].header, display(old), display(values[name]))
                    )
        if "sessions" in values:
            old = self.sessions_of(activity)
            if old != values["sessions"]:
                found.append(
                    (
                        COLUMNS_BY_FIELD["sessions"].header,
                        spreadsheet.format_sessions(old) or "—",
                        spreadsheet.format_sessions(values["sessions"]) or "—",
                    )
                )
        return found

    def validate(self, number, activity, errors):
        """Errors from the model's own field checks and constraints, per column."""
        exclude = {"programme", "location", "title", "summary", "description", "audience_note"}
        exclude |= {"eligibility", "cost_note", "timing_note", "search_title", "search_text"}
        exclude |= {"sort_key", "only_for", "how_to_join_note", "what_to_bring", "notice"}
        try:
            activity.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = COLUMNS_BY_FIELD.get(name, COLUMNS_BY_FIELD["title_pl"])
                errors.extend(cell_error(number, column, message) for message in messages)
        for constraint in Activity._meta.constraints:
            if constraint.name in CROSS_FIELD_RULES:
                field_name, holds = CROSS_FIELD_RULES[constraint.name]
                if not holds(activity):
                    message = constraint.get_violation_error_message()
                    errors.append(cell_error(number, COLUMNS_BY_FIELD[field_name], message))
        return bool(errors)

    def new_location(self, number, errors, programme, address, district, **fields):
        """A place the row names for the first time; None (and an error) if it cannot be."""
        location = Location(programme=programme, address=address, district=district, **fields)
        try:
            location.full_clean(exclude=["programme", "district"])
        except ValidationError:
            errors.append(
                cell_error(number, COLUMNS_BY_FIELD["address"], _("the address is too long"))
            )
            return None
        location.save()
        self._created(location)
        return location

    def _created(self, obj):
        # Listed for undo_import, and saved as it was created in the import's revision,
        # so the item's history starts with the import.
        self.created[obj._meta.label_lower].append(obj.pk)
        if self.commit:
            self.history.add(obj)


class HistoryWriter:
    """Writes one django-reversion revision as the import goes, in batches.

    reversion.create_revision() would hold every version in memory to the end and
    drop versions of rows deleted meanwhile (the weekly sessions an import replaces),
    so the import writes its revision's versions itself, the way reversion stores them.
    """

    BATCH = 500

    def __init__(self, user):
        self.revision = Revision.objects.create(date_created=timezone.now(), user=user)
        self.pending = []
        self.seen = set()

    def add(self, obj):
        options = _get_options(type(obj))
        self._add(obj, options)
        for name in options.follow:
            for related in getattr(obj, name).all():
                self._add(related, _get_options(type(related)))
        if len(self.pending) >= self.BATCH:
            self.flush()

    def _add(self, obj, options):
        content_type = ContentType.objects.get_for_model(type(obj))
        key = (content_type.pk, str(obj.pk))
        if key in self.seen:
            return
        self.seen.add(key)
        self.pending.append(
            Version(
                revision=self.revision,
                content_type=content_type,
                object_id=str(obj.pk),
                db="default",
                format=options.format,
                serialized_data=serializers.serialize(
                    options.format,
                    [obj],
                    fields=options.fields,
                    use_natural_foreign_keys=options.use_natural_foreign_keys,
                ),
                object_repr=str(obj)[:191],
            )
        )

    def flush(self):
        Version.objects.bulk_create(self.pending)
        self.pending = []


def as_uuid(value):
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def free_slug(model, slug):
    """`slug`, or `slug-2`, `slug-3`… when taken."""
    candidate, number = slug, 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{slug[:195]}-{number}"
    return candidate


def _is_blank(value):
    return not isinstance(value, spreadsheet.Formula) and not spreadsheet.text(value)


def display(value, name=None):
    """A value as the preview shows it: Polish labels, dates as written in files."""
    if value in (None, "", []):
        return "—"
    if name in CHOICE_FIELDS:
        return spreadsheet.choice_label(CHOICE_FIELDS[name], value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return f"{spreadsheet.LIST_SEPARATOR} ".join(
            getattr(item, "name_pl", None) or item.name for item in value
        )
    if isinstance(value, Location):
        return f"{value.address} ({value.district})" if value.district else value.address
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def undo_import(directory_import, user):
    """Put back what the import changed, delete what it created; one new history entry."""
    revision = directory_import.revision
    created = directory_import.created_objects
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            _("Undo of the import of %(file)s") % {"file": directory_import.file_name}
        )
        revision.revert(delete=True)
        activities = Activity.objects.filter(pk__in=created.get("activities.activity", []))
        slugs = list(activities.values_list("slug", flat=True))
        activities.delete()
        # Pages that only existed as imported drafts were never public: no "gone" page.
        ActivitySlugHistory.objects.filter(slug__in=slugs, activity=None).delete()
        Location.objects.filter(pk__in=created.get("programmes.location", [])).delete()
        programmes = Programme.objects.filter(pk__in=created.get("programmes.programme", []))
        slugs = list(programmes.values_list("slug", flat=True))
        programmes.delete()
        ProgrammeSlugHistory.objects.filter(slug__in=slugs, programme=None).delete()
        directory_import.undone_at = timezone.now()
        directory_import.save(update_fields=["undone_at"])
