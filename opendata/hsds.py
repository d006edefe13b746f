"""Our directory as Open Referral HSDS 3.0 objects (the API and the data package).

MOPS Kraków is the one organization; each PAL is a program; each published activity is a
service, with its place as a service_at_location, its weekly sessions and dates as
schedules, the districts its programme serves as service_areas, and its topics and age
groups as terms of our two taxonomies (attributes). Only what public pages show leaves
the site: no drafts, hidden rows, staff notes, corrections, coordinators, or contacts'
e-mails and phones. Texts are the Polish originals: callers work inside translation.override("pl").
Unknown values (and lists we hold no data for: phones, funding) are left out: an activity
whose language or way of joining staff have not confirmed has no `languages` and no
`application_process`, never a guessed Polish or "just come".

Ids: rows carry a permanent `uuid` (programmes.models.open_data_id). Objects without a
row of their own (an address, a cost option, a service area, a taxonomy link) get a
UUID derived (uuid5) from their owner's, so they are just as stable.
"""

import datetime
import uuid

from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from activities.models import Activity, ActivityStatus, AgeGroup, Timing, Topic
from programmes.models import Programme, ProgrammeStatus, StaffContact

HSDS_VERSION = "3.0"

# Constant, so that other directories can refer to MOPS Kraków across exports.
ORGANIZATION_ID = uuid.UUID("5f0b6a52-3c1e-4d57-9a55-1f0e6a1c7d01")
TOPICS_TAXONOMY_ID = uuid.UUID("5f0b6a52-3c1e-4d57-9a55-1f0e6a1c7d02")
AGE_GROUPS_TAXONOMY_ID = uuid.UUID("5f0b6a52-3c1e-4d57-9a55-1f0e6a1c7d03")

ORGANIZATION = {
    "id": str(ORGANIZATION_ID),
    "name": "Miejski Ośrodek Pomocy Społecznej w Krakowie",
    "alternate_name": "MOPS Kraków",
    "description": (
        "Prowadzi w Krakowie Programy Aktywności Lokalnej (PAL): pracę socjalną metodą "
        "środowiskową, od 2016 roku w Dziale Rewitalizacji Społecznej. Udział we "
        "wszystkich działaniach PAL jest bezpłatny."
    ),
    "website": "https://mops.krakow.pl/",
}

TAXONOMIES = {
    TOPICS_TAXONOMY_ID: {
        "model": Topic,
        "name": "Tematy zajęć PAL Kraków",
        "description": "O czym są zajęcia Programów Aktywności Lokalnej MOPS Kraków.",
    },
    AGE_GROUPS_TAXONOMY_ID: {
        "model": AgeGroup,
        "name": "Grupy odbiorców PAL Kraków",
        "description": "Dla kogo są zajęcia, słowami mieszkańców (dzieci, młodzież, rodzice…).",
    },
}

# Ours → HSDS service status (active, inactive, defunct, temporarily closed).
ACTIVITY_STATUS = {
    ActivityStatus.RUNNING: "active",
    ActivityStatus.PLANNED: "inactive",
    ActivityStatus.SUSPENDED: "temporarily closed",
    ActivityStatus.FINISHED: "inactive",
}
# A programme's status overrides its activities' when it is not running.
PROGRAMME_STATUS = {
    ProgrammeStatus.SUSPENDED: "temporarily closed",
    ProgrammeStatus.ENDED: "defunct",
}

RRULE_DAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
WEEKDAY_NAMES = {
    1: "poniedziałki",
    2: "wtorki",
    3: "środy",
    4: "czwartki",
    5: "piątki",
    6: "soboty",
    7: "niedziele",
}
LOCAL_TIME_NOTE = (
    "Godziny czasu lokalnego w Krakowie (Europe/Warsaw, CET/CEST); timezone podaje "
    "przesunięcie względem UTC w dniu publikacji i zmienia się wraz z czasem letnim."
)


def utc_offset_hours():
    """Kraków's offset from UTC today (1 in winter, 2 in summer), for schedules' `timezone`.

    HSDS 3.0 takes one fixed offset and assumes UTC without it; the clock times of our
    sessions are Kraków's wall-clock times, so today's offset is the one that reads
    them right now (the note says they follow summer time).
    """
    hours = timezone.localtime().utcoffset().total_seconds() / 3600
    return int(hours) if hours.is_integer() else hours


def derived_id(owner_id, part):
    """A stable id for an object stored inside its owner's row (uuid5, RFC 4122)."""
    return str(uuid.uuid5(uuid.UUID(str(owner_id)), part))


def timestamp(moment):
    """ISO 8601 in UTC with milliseconds, as HSDS asks for last_modified."""
    utc = moment.astimezone(datetime.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def without_empty(data):
    """Leaves out unknown values (None, "") rather than publishing blanks."""
    return {key: value for key, value in data.items() if value not in (None, "")}


# --- What is published ---------------------------------------------------------------


def published_services():
    """Published activities of published programmes, with all that a service shows."""
    return (
        Activity.objects.published()
        .with_related()
        .prefetch_related(
            Prefetch(
                "programme__contacts",
                queryset=StaffContact.objects.public(),
                to_attr="public_contacts",
            )
        )
        .order_by("sort_key", "pk")
    )


def in_order(ids):
    """The published services with these ids, in this order (a chunk of a long list)."""
    rows = published_services().in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


def modified_after(queryset, moment):
    """Services whose own row or programme changed at or after `moment`."""
    return queryset.filter(Q(updated_at__gte=moment) | Q(programme__updated_at__gte=moment))


def last_change():
    """A moment no published content changed after, for Last-Modified.

    The newest save of any programme or activity, published or not: a draft's save
    makes it later than needed (a client then reads the list again), never earlier.
    MAX over the whole indexed column is one index lookup; over the visible rows only
    it read every row (1.7 s at 50,000 activities). Deletions leave it unchanged; the
    ETag, a hash of the body, catches them.
    """
    moments = [
        model.objects.aggregate(newest=Max("updated_at"))["newest"]
        for model in (Programme, Activity)
    ]
    return max((moment for moment in moments if moment), default=None)


def taxonomy_of(term_model):
    return next(pk for pk, taxonomy in TAXONOMIES.items() if taxonomy["model"] is term_model)


def find_term(term_id):
    """The Topic or AgeGroup with this uuid, or None."""
    for taxonomy in TAXONOMIES.values():
        term = taxonomy["model"].objects.filter(uuid=term_id).first()
        if term is not None:
            return term
    return None


# --- Objects ---------------------------------------------------------------------------


def organization():
    return dict(ORGANIZATION)


def program(programme):
    return {
        "id": str(programme.uuid),
        "organization_id": str(ORGANIZATION_ID),
        "name": programme.name,
        "description": programme.summary,
    }


def taxonomy(taxonomy_id, absolute_url):
    details = TAXONOMIES[taxonomy_id]
    return {
        "id": str(taxonomy_id),
        "name": details["name"],
        "description": details["description"],
        "uri": absolute_url(reverse("hsds:taxonomy", kwargs={"pk": taxonomy_id})),
    }


def taxonomy_term(term, absolute_url):
    taxonomy_id = taxonomy_of(type(term))
    if isinstance(term, Topic):
        page = term.get_absolute_url()
    else:
        page = f"{reverse('activities:list')}?age={term.slug}"
    return {
        "id": str(term.uuid),
        "code": term.slug,
        "name": term.name,
        "description": term.description,  # required by HSDS, so "" when we have none
        "taxonomy": TAXONOMIES[taxonomy_id]["name"],
        "taxonomy_id": str(taxonomy_id),
        "language": "pl",
        "term_uri": absolute_url(page),
    }


def location(place):
    data = without_empty(
        {
            "id": str(place.uuid),
            "location_type": "physical",
            "organization_id": str(ORGANIZATION_ID),
            "name": place.name or place.address,
            "latitude": float(place.latitude) if place.latitude is not None else None,
            "longitude": float(place.longitude) if place.longitude is not None else None,
        }
    )
    data["addresses"] = [
        {
            "id": derived_id(place.uuid, "address"),
            "location_id": str(place.uuid),
            "address_1": place.address,
            "city": place.city,
            "region": str(place.district) if place.district else "",
            "state_province": "małopolskie",
            "postal_code": place.postal_code,
            "country": "PL",
            "address_type": "physical",
        }
    ]
    if place.accessibility or place.step_free:
        data["accessibility"] = [
            without_empty(
                {
                    "id": derived_id(place.uuid, "accessibility"),
                    "location_id": str(place.uuid),
                    "description": place.accessibility,
                    # Staff's yes / partly / no, as the page says it; none when not known.
                    "details": step_free_details(place),
                }
            )
        ]
    return data


def step_free_details(place):
    if not place.step_free:
        return ""
    return f"{gettext('Step-free access')}: {place.get_step_free_display()}"


def application_process(activity):
    """How to join and what to bring, as the activity page says them; "" when unknown."""
    steps = []
    if activity.how_to_join:
        steps.append(capfirst(activity.get_how_to_join_display()))
    if activity.how_to_join_note:
        steps.append(activity.how_to_join_note)
    if activity.what_to_bring:
        steps.append(f"{gettext('What to bring')}: {activity.what_to_bring}")
    return ". ".join(step.rstrip(".") for step in steps) + "." if steps else ""


def languages(activity):
    """The languages staff confirmed the activity is held in (none when not known)."""
    return [
        {
            "id": derived_id(activity.uuid, f"language:{language.code}"),
            "service_id": str(activity.uuid),
            "name": language.name,
            "code": language.code,
        }
        for language in activity.language_list
    ]


def service_status(activity):
    return PROGRAMME_STATUS.get(activity.programme.status) or ACTIVITY_STATUS.get(
        activity.status, "active"
    )


def service_last_modified(activity):
    return timestamp(max(activity.updated_at, activity.programme.updated_at))


def service_summary(activity, absolute_url):
    """The service's one-to-one fields (what /services lists without `full`)."""
    verified = activity.last_verified or activity.programme.last_verified
    texts = [activity.summary, activity.description]
    who = [activity.only_for_text, activity.audience_note, activity.eligibility]
    return without_empty(
        {
            "id": str(activity.uuid),
            "organization_id": str(ORGANIZATION_ID),
            "program_id": str(activity.programme.uuid),
            "name": activity.title,
            "description": "\n\n".join(text for text in texts if text),
            "url": absolute_url(activity.get_absolute_url()),
            "status": service_status(activity),
            "fees_description": activity.cost_note,
            "eligibility_description": "\n\n".join(text for text in who if text),
            "application_process": application_process(activity),
            "alert": "\n".join(activity.notices),
            "minimum_age": activity.min_age,
            "maximum_age": activity.max_age,
            "assured_date": verified.isoformat() if verified else None,
            "last_modified": service_last_modified(activity),
        }
    )


def schedules(activity):
    """Weekly sessions as weekly rules; otherwise the activity's dates and "when" words."""
    rows = []
    for session in activity.session_list:
        rows.append(
            without_empty(
                {
                    "id": str(session.uuid),
                    "service_id": str(activity.uuid),
                    "valid_from": session.valid_from and session.valid_from.isoformat(),
                    "valid_to": session.valid_until and session.valid_until.isoformat(),
                    "dtstart": session.valid_from and session.valid_from.isoformat(),
                    "until": session.valid_until and session.valid_until.isoformat(),
                    "wkst": "MO",
                    "freq": "WEEKLY",
                    "interval": 1,
                    "byday": RRULE_DAYS[session.weekday],
                    "opens_at": f"{session.starts_at:%H:%M}",
                    "closes_at": f"{session.ends_at:%H:%M}",
                    "timezone": utc_offset_hours(),
                    "description": (
                        f"{WEEKDAY_NAMES[session.weekday]} "
                        f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M}"
                    ),
                    "notes": LOCAL_TIME_NOTE,
                }
            )
        )
    if rows:
        return rows
    note = activity.timing_note
    if activity.starts_on is None and not note:
        return []
    dated = activity.timing == Timing.DATED and activity.starts_on is not None
    start = activity.starts_on and activity.starts_on.isoformat()
    end = activity.ends_on and activity.ends_on.isoformat()
    return [
        without_empty(
            {
                "id": derived_id(activity.uuid, "timing"),
                "service_id": str(activity.uuid),
                "dtstart": start if dated else None,
                "until": (end or start) if dated else None,
                "valid_from": None if dated else start,
                "valid_to": None if dated else end,
                "description": note,
            }
        )
    ]


def service_areas(activity):
    programme = activity.programme
    if programme.citywide:
        return [
            {
                "id": derived_id(activity.uuid, "area:krakow"),
                "service_id": str(activity.uuid),
                "name": "Kraków",
                "description": "Całe miasto",
            }
        ]
    return [
        {
            "id": derived_id(activity.uuid, f"area:{district.slug}"),
            "service_id": str(activity.uuid),
            "name": f"{district.numeral} {district.name}",
            "description": "Dzielnica Krakowa",
        }
        for district in programme.districts.all()
    ]


def cost_options(activity):
    if not activity.free_of_charge:
        return [
            {
                "id": derived_id(activity.uuid, "cost"),
                "service_id": str(activity.uuid),
                "option": activity.cost_note,
            }
        ]
    return [
        without_empty(
            {
                "id": derived_id(activity.uuid, "cost"),
                "service_id": str(activity.uuid),
                "option": "Bezpłatne",
                "currency": "PLN",
                "amount": 0,
                "amount_description": activity.cost_note,
            }
        )
    ]


def contacts(activity):
    """Only the names the programme page shows; never e-mails, phones or roles."""
    return [
        {
            "id": derived_id(activity.uuid, f"contact:{contact.uuid}"),
            "service_id": str(activity.uuid),
            "name": contact.name,
        }
        for contact in activity.programme.public_contacts
    ]


def attributes(activity, absolute_url):
    links = []
    for term in [*activity.topic_list, *activity.age_group_list]:
        links.append(
            {
                "id": derived_id(activity.uuid, f"term:{term.uuid}"),
                "link_id": str(activity.uuid),
                "link_type": "taxonomy_term",
                "link_entity": "service",
                "taxonomy_term_id": str(term.uuid),
                "taxonomy_term": taxonomy_term(term, absolute_url),
            }
        )
    return links


# An activity is at one place at most, so its service_at_location id is its own id with
# fixed bits flipped: stable, distinct from the service's, and turned back into the
# activity's id by the same flip (so /service_at_locations/{id} needs no extra column).
# The version and variant bits are left alone, so it is a version 4 UUID too.
SERVICE_AT_LOCATION_MASK = uuid.UUID("a5a5a5a5-a5a5-0a5a-35a5-a5a5a5a5a5a5").int


def service_at_location_id(service_id):
    """A service's service_at_location id, and (the same flip) back again."""
    return uuid.UUID(int=uuid.UUID(str(service_id)).int ^ SERVICE_AT_LOCATION_MASK)


def service_at_location(activity, nested=True):
    """The activity at its place, or None for activities without a fixed place."""
    place = activity.location
    if place is None:
        return None
    data = {
        "id": str(service_at_location_id(activity.uuid)),
        "service_id": str(activity.uuid),
        "location_id": str(place.uuid),
    }
    if nested:
        data["location"] = location(place)
    return data


def service(activity, absolute_url):
    """A fully nested service, as /services/{id} returns it."""
    at_location = service_at_location(activity)
    return service_summary(activity, absolute_url) | {
        "organization": organization(),
        "program": program(activity.programme),
        "service_at_locations": [at_location] if at_location else [],
        "schedules": schedules(activity),
        "service_areas": service_areas(activity),
        "cost_options": cost_options(activity),
        "contacts": contacts(activity),
        "attributes": attributes(activity, absolute_url),
        "languages": languages(activity),
    }
