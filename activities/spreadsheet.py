"""The directory as a spreadsheet: one row per activity, read and written in the same columns.

Staff keep their lists in spreadsheets; this module reads such a file (XLSX, or CSV in
UTF-8 or Windows-1250), checks every cell as strictly as the admin form does, and writes
the directory back out in the same columns, so a file can go out, be edited and come back.

Reading streams the file row by row (openpyxl's read-only mode, the csv module), so a
50,000-row file never sits in memory whole. The import itself lives in activities/importer.py.
"""

import codecs
import csv
import datetime
import functools
import io
import re
import uuid
import zipfile
from dataclasses import dataclass

import openpyxl
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException

from activities.models import Weekday
from programmes.search import fold

LANGUAGES = ["pl", "uk", "en"]


def header_key(text):
    """A header as typed by anyone: "Tytuł UK", "tytul_uk" and "TYTUŁ-uk" are one column."""
    return re.sub(r"[\s\-]+", "_", fold(str(text).strip()))


@dataclass(frozen=True)
class Column:
    header: str  # as written in exported files and the template
    field: str  # what the importer fills (see activities/importer.py)
    required: bool = False

    @property
    def key(self):
        return header_key(self.header)


def translated(header, field, required=False):
    """The Polish column and its Ukrainian and English twins (`tytuł_uk`, `tytuł_en`)."""
    return [
        Column(header, f"{field}_pl", required),
        Column(f"{header}_uk", f"{field}_uk"),
        Column(f"{header}_en", f"{field}_en"),
    ]


COLUMNS = [
    Column("program", "programme", required=True),
    Column("program_nazwa", "programme_name"),
    Column("slug", "slug"),
    # The open-data id (HSDS): an exported row comes back matched even after its slug
    # or address changed, and a new row keeps the id a data package gave it.
    Column("uuid", "uuid"),
    *translated("tytuł", "title", required=True),
    Column("rodzaj", "kind"),
    Column("status", "status"),
    Column("opublikowane", "published"),
    Column("widoczne_od", "visible_from"),
    Column("widoczne_do", "visible_until"),
    *translated("streszczenie", "summary", required=True),
    *translated("opis", "description"),
    Column("grupy_wiekowe", "age_groups"),
    Column("wiek_od", "min_age"),
    Column("wiek_do", "max_age"),
    *translated("dla_kogo", "audience_note"),
    *translated("warunki_udziału", "eligibility"),
    # Before going (issue 14): who only may take part, how to join, the languages.
    *translated("tylko_dla", "only_for"),
    Column("jak_się_zapisać", "how_to_join"),
    *translated("zapisy_opis", "how_to_join_note"),
    *translated("co_zabrać", "what_to_bring"),
    Column("języki", "languages"),
    Column("tematy", "topics"),
    Column("partnerzy", "partners"),
    Column("adres", "address"),
    Column("miejsce_uuid", "location_uuid"),
    Column("dzielnica", "district"),
    Column("miejsce_bez_barier", "step_free"),
    Column("zajęcia", "sessions"),
    Column("termin", "timing"),
    Column("od", "starts_on"),
    Column("do", "ends_on"),
    *translated("termin_opis", "timing_note"),
    Column("edycja", "edition"),
    Column("bezpłatne", "free_of_charge"),
    *translated("koszt", "cost_note"),
    *translated("komunikat", "notice"),
    Column("komunikat_do", "notice_until"),
    Column("sprawdzono", "last_verified"),
    Column("kolejność", "order"),
]
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}
LIST_SEPARATOR = ";"

# Excel and LibreOffice run a CSV cell starting with one of these as a formula; exported
# text that starts so gets a leading apostrophe, which the import takes off again.
FORMULA_STARTS = ("=", "+", "-", "@")


class FileProblem(Exception):
    """The file cannot be read at all; the message says why, in the staff's language."""


class CellProblem(ValueError):
    """One cell's value is wrong; the message says what is wrong with it."""


def fits_limit(size):
    return size <= settings.IMPORT_MAX_BYTES


def megabytes(size):
    return number_format(size / 1024 / 1024, 1)


def size_problem(size):
    if not fits_limit(size):
        return _("The file is %(size)s MB; at most %(limit)s MB can be imported.") % {
            "size": megabytes(size),
            "limit": megabytes(settings.IMPORT_MAX_BYTES),
        }
    return None


# Other formats plug in here: {extension: (reader, writer)}. A reader takes a binary
# file and returns rows like read_table's; a writer takes (activities, file, progress).
# opendata adds "zip", the HSDS data package (activities may not import opendata).
FORMATS = {}


def read_table(file, name):
    """Yield the rows of an uploaded or opened file: first the header, then the data rows.

    Each row is a list of cell values (str, int, float, date or None). Raises
    FileProblem for a file that cannot be read safely.
    """
    file.seek(0, io.SEEK_END)
    problem = size_problem(file.tell())
    file.seek(0)
    if problem:
        raise FileProblem(problem)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xlsx":
        return _read_xlsx(file)
    if extension == "csv":
        return _read_csv(file)
    if extension in FORMATS:
        return FORMATS[extension][0](file)
    if FORMATS:
        return _unsupported(name, _("use an XLSX, CSV or ZIP (HSDS data package) file."))
    return _unsupported(name, _("use an XLSX or CSV file."))


def _unsupported(name, advice):
    raise FileProblem(
        _("Unsupported file type “%(name)s”: %(advice)s") % {"name": name, "advice": advice}
    )


def check_zip(file, invalid=None):
    """Refuse a ZIP bomb before anything is unpacked: sizes are read from the
    archive's directory (Python's zipfile never unpacks past them)."""
    try:
        archive = zipfile.ZipFile(file)
    except zipfile.BadZipFile as error:
        raise FileProblem(invalid or _("The file is not a valid XLSX workbook.")) from error
    unpacked = 0
    for member in archive.infolist():
        unpacked += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES or (
            member.file_size > 1024 * 1024 and ratio > settings.IMPORT_MAX_COMPRESSION_RATIO
        ):
            raise FileProblem(
                _(
                    "The workbook unpacks to far more data than it holds (a “ZIP bomb”); "
                    "it was not opened. Save the sheet again as a plain XLSX file."
                )
            )
    file.seek(0)


def _read_xlsx(file):
    check_zip(file)
    try:
        # Read-only streams the sheet's XML; defusedxml (installed) refuses XML bombs.
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileProblem(_("The file is not a valid XLSX workbook.")) from error
    return _xlsx_rows(workbook, sheet)


def _xlsx_rows(workbook, sheet):
    width = None
    try:
        for cells in sheet.iter_rows():
            values = []
            for cell in cells[:width]:
                if cell.data_type == "f":
                    values.append(Formula(cell.value))
                elif isinstance(cell.value, datetime.datetime):
                    values.append(cell.value.date() if not cell.value.time() else cell.value)
                else:
                    values.append(cell.value)
            if width is None:
                # The header decides how many columns are read; stray cells far to the
                # right of it (or a sheet claiming 16,384 columns) are not.
                width = _header_width(values)
            yield values
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise FileProblem(_("The file is not a valid XLSX workbook.")) from error
    finally:
        workbook.close()


def _header_width(values):
    width = len(values)
    while width and values[width - 1] in (None, ""):
        width -= 1
    return max(width, 1)


class Formula(str):
    """A cell holding a formula: refused, because its result is not in the file."""


def detect_encoding(file):
    """UTF-8 (with or without BOM) or Windows-1250, the two encodings Polish offices use."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        while chunk := file.read(1024 * 1024):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1250"
    file.seek(0)
    return encoding


# Control characters never appear in a real sheet; in a decoded file they mean
# the encoding was another one (UTF-16, for one, is full of NUL bytes).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _read_csv(file):
    encoding = detect_encoding(file)
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    try:
        first = text.readline()
    except UnicodeDecodeError as error:
        raise FileProblem(_encoding_problem()) from error
    # Polish Excel separates columns with semicolons (the comma is the decimal mark).
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return _csv_rows(text, first, delimiter)


def _encoding_problem():
    return _(
        "The file's characters cannot be read: save the CSV file as UTF-8 "
        "(or Windows-1250) and try again."
    )


def _csv_rows(text, first, delimiter):
    def lines():
        yield first
        yield from text

    try:
        for row in csv.reader(lines(), delimiter=delimiter):
            values = []
            for value in row:
                if _CONTROL.search(value):
                    raise FileProblem(_encoding_problem())
                if value.startswith("'") and value[1:2] in FORMULA_STARTS:
                    values.append(value[1:])
                elif value.startswith("="):
                    values.append(Formula(value))
                else:
                    values.append(value)
            yield values
    except UnicodeDecodeError as error:
        raise FileProblem(_encoding_problem()) from error
    except csv.Error as error:
        raise FileProblem(_("The CSV file is damaged: %(error)s") % {"error": error}) from error


# Cell values --------------------------------------------------------------------


def text(value):
    if value is None:
        return ""
    if isinstance(value, Formula):
        raise CellProblem(_("a formula, not a value; paste the values instead"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def items(value):
    """The parts of a list cell: "dzieci; młodzież" -> ["dzieci", "młodzież"]."""
    return [part.strip() for part in re.split(r"[;\n]", text(value)) if part.strip()]


YES = {"tak", "t", "yes", "y", "1", "true", "prawda", "так"}
NO = {"nie", "n", "no", "0", "false", "falsz", "ні"}


def boolean(value):
    if isinstance(value, bool):
        return value
    word = fold(text(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellProblem(_("write “tak” or “nie”, not “%(value)s”") % {"value": text(value)})


def number(value):
    if isinstance(value, bool):
        raise CellProblem(_("a whole number is needed"))
    raw = text(value)
    if not raw:
        return None
    if not re.fullmatch(r"\d{1,5}", raw):
        raise CellProblem(_("a whole number is needed, not “%(value)s”") % {"value": raw})
    return int(raw)


def date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        return None
    try:
        if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", raw):
            day, month, year = map(int, match.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise CellProblem(
            _("not a date: “%(value)s” (write 2024-09-01 or 1.09.2024)") % {"value": raw}
        ) from None


def open_data_id(value):
    raw = text(value)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise CellProblem(
            _("“%(value)s” is not an id like 5f0b6a52-3c1e-4d57-9a55-1f0e6a1c7d01") % {"value": raw}
        ) from None


def choice(value, choices):
    """A TextChoices value from its code or its label in any of the three languages."""
    raw = text(value)
    if not raw:
        return None
    found = choice_lookup(choices).get(fold(raw))
    if found is None:
        allowed = ", ".join(str(label) for label in choices_in_polish(choices))
        raise CellProblem(
            _("unknown value “%(value)s” (allowed: %(allowed)s)")
            % {"value": raw, "allowed": allowed}
        )
    return found


@functools.cache
def choice_lookup(choices):
    from django.utils import translation

    lookup = {}
    for member in choices:
        lookup[fold(str(member.value))] = member.value
        for language in LANGUAGES:
            with translation.override(language):
                lookup[fold(str(member.label))] = member.value
    return lookup


def choices_in_polish(choices):
    from django.utils import translation

    with translation.override("pl"):
        return [str(member.label) for member in choices]


def choice_label(choices, value):
    from django.utils import translation

    with translation.override("pl"):
        return str(choices(value).label)


# Weekly sessions: "wt 17:00–18:30; czw 16:00–17:30" --------------------------------

WEEKDAY_NAMES = {
    Weekday.MONDAY: ["pn", "pon", "poniedzialek", "mon", "monday", "пн", "понеділок"],
    Weekday.TUESDAY: ["wt", "wto", "wtorek", "tue", "tuesday", "вт", "вівторок"],
    Weekday.WEDNESDAY: ["sr", "sro", "sroda", "wed", "wednesday", "ср", "середа"],
    Weekday.THURSDAY: ["czw", "cz", "czwartek", "thu", "thursday", "чт", "четвер"],
    Weekday.FRIDAY: ["pt", "pia", "piatek", "fri", "friday", "пт", "пʼятниця", "п'ятниця"],
    Weekday.SATURDAY: ["sob", "sb", "sobota", "sat", "saturday", "сб", "субота"],
    Weekday.SUNDAY: ["nd", "ndz", "niedz", "niedziela", "sun", "sunday", "нд", "неділя"],
}
WEEKDAYS = {name: day for day, names in WEEKDAY_NAMES.items() for name in names}
SHORT_WEEKDAY = {day: names[0] for day, names in WEEKDAY_NAMES.items()}
SHORT_WEEKDAY[Weekday.WEDNESDAY] = "śr"
SESSION = re.compile(
    r"(?P<day>[^\W\d_][\w'ʼ]*)\.?\s+"
    r"(?P<start>\d{1,2})[:.](?P<start_min>\d{2})\s*[-–—]\s*(?P<end>\d{1,2})[:.](?P<end_min>\d{2})"
)


def sessions(value):
    """[(weekday, starts_at, ends_at)] from "wt 17:00–18:30; czw 16:00–17:30"."""
    found = []
    for part in items(value):
        match = SESSION.fullmatch(part)
        if not match:
            raise CellProblem(
                _("cannot read “%(value)s”; write e.g. “wt 17:00–18:30; czw 16:00–17:30”")
                % {"value": part}
            )
        day = WEEKDAYS.get(fold(match["day"]))
        if day is None:
            raise CellProblem(_("unknown day of the week “%(day)s”") % {"day": match["day"]})
        try:
            starts = datetime.time(int(match["start"]), int(match["start_min"]))
            ends = datetime.time(int(match["end"]), int(match["end_min"]))
        except ValueError:
            raise CellProblem(_("no such time in “%(value)s”") % {"value": part}) from None
        if ends <= starts:
            raise CellProblem(_("the session “%(value)s” ends before it starts") % {"value": part})
        found.append((int(day), starts, ends))
    return sorted(set(found))


def format_sessions(rows):
    return f"{LIST_SEPARATOR} ".join(
        f"{SHORT_WEEKDAY[day]} {starts:%H:%M}–{ends:%H:%M}" for day, starts, ends in rows
    )


# Writing -------------------------------------------------------------------------


def write_xlsx(rows, file, header=None, sheets=()):
    """Write rows (lists of values) after a header, in openpyxl's streaming mode.

    Text is always written as text: a value starting with “=” is not a formula.
    `sheets` adds (title, rows) sheets after the first, e.g. the template's lists.
    """
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Activities"))
    sheet.append(header or [column.header for column in COLUMNS])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    for title, extra_rows in sheets:
        extra = workbook.create_sheet(title)
        for row in extra_rows:
            extra.append([_xlsx_cell(extra, value) for value in row])
    workbook.save(file)


def _xlsx_cell(sheet, value):
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=None)
    cell.value = value
    cell.data_type = "s"
    return cell


def write_csv(rows, file):
    """CSV as Polish Excel opens it: UTF-8 with a byte-order mark, semicolons."""
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, delimiter=";")
    writer.writerow([column.header for column in COLUMNS])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    text.detach()


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_rows(activities):
    """One row per activity, in COLUMNS' order, read in chunks (any number of activities)."""
    from django.db.models import Prefetch

    from activities.models import ActivityKind, ActivityStatus, HowToJoin, Timing
    from programmes.models import StepFreeAccess

    choices = {
        "kind": ActivityKind,
        "status": ActivityStatus,
        "timing": Timing,
        "how_to_join": HowToJoin,
    }
    activities = (
        activities.select_related("programme", "location__district")
        .prefetch_related(
            Prefetch("age_groups", to_attr="age_group_list"),
            Prefetch("topics", to_attr="topic_list"),
            Prefetch("sessions", to_attr="session_list"),
            Prefetch("languages", to_attr="prefetched_language_list"),
            "partners",
        )
        .order_by("sort_key", "pk")
    )
    for activity in activities.iterator(chunk_size=1000):
        location = activity.location
        values = {
            "programme": activity.programme.slug,
            "programme_name": activity.programme.name_pl,
            "uuid": str(activity.uuid),
            "location_uuid": str(location.uuid) if location else "",
            "age_groups": _names(activity.age_group_list),
            "topics": _names(activity.topic_list),
            "partners": f"{LIST_SEPARATOR} ".join(p.name for p in activity.partners.all()),
            "address": location.address if location else "",
            "district": str(location.district) if location and location.district else "",
            "step_free": choice_label(StepFreeAccess, location.step_free) if location else "",
            "languages": _names(activity.prefetched_language_list),
            "sessions": format_sessions(
                sorted((s.weekday, s.starts_at, s.ends_at) for s in activity.session_list)
            ),
        }
        row = []
        for column in COLUMNS:
            if column.field in values:
                value = values[column.field]
            else:
                value = getattr(activity, column.field)
                if column.field in choices:
                    value = choice_label(choices[column.field], value)
                elif isinstance(value, bool):
                    value = "tak" if value else "nie"
            row.append("" if value is None else value)
        yield row


def _names(items):
    return f"{LIST_SEPARATOR} ".join(item.name_pl for item in items)
