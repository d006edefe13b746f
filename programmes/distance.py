"""Distances for "najbliżej": a visitor's point and how far a place is from it.

The visitor's point comes from their browser (only when they ask, see static/js/near.js)
as the query parameter `near=50.062,19.938`; it is rounded to three decimals (about
100 m), used for one page and stored nowhere. Places are measured by the database,
with functions SQLite and PostgreSQL both have, so a page of 20 nearest activities
is sorted there rather than in Python over every activity in the city.
"""

import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Case, FloatField, Q, Value, When
from django.db.models.functions import ACos, Cast, Cos, Greatest, Least, Radians, Sin
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The mean radius of the Earth (IUGG); a sphere is accurate to about 0.5 % within a city.
EARTH_RADIUS_KM = 6371.0088
# Three decimals: about 110 m north-south, 70 m east-west in Kraków. Enough to sort
# the places of a city, too coarse to point at someone's flat.
DECIMALS = 3


@dataclass(frozen=True)
class Point:
    """A visitor's position, rounded to DECIMALS."""

    latitude: float
    longitude: float

    def __str__(self):
        # What the filter chip says: the numbers mean nothing to a reader.
        return gettext("your location")

    @property
    def query_value(self):
        return f"{self.latitude:.{DECIMALS}f},{self.longitude:.{DECIMALS}f}"


def parse_point(text):
    """`"50.0619,19.9368"` → Point(50.062, 19.937); anything else is a ValidationError."""
    try:
        latitude, longitude = (float(part) for part in text.split(","))
    except ValueError:
        raise ValidationError(
            _("Give the position as latitude,longitude, e.g. 50.062,19.938."), code="invalid"
        ) from None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise ValidationError(_("This position is not on the Earth."), code="invalid")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError(_("This position is not on the Earth."), code="out_of_range")
    return Point(round(latitude, DECIMALS), round(longitude, DECIMALS))


def distance_km(point, latitude_field, longitude_field):
    """The great-circle distance in km from `point` to the coordinates in two fields.

    NULL where the place has no coordinates. The spherical law of cosines; its cosine is
    clamped to [-1, 1] because rounding can take it just past 1 for the same spot, where
    ACOS would fail.
    """
    latitude = Radians(Cast(latitude_field, FloatField()))
    longitude = Radians(Cast(longitude_field, FloatField()))
    point_latitude = math.radians(point.latitude)
    point_longitude = Value(math.radians(point.longitude), output_field=FloatField())
    cosine = Sin(latitude) * Value(math.sin(point_latitude), output_field=FloatField()) + Cos(
        latitude
    ) * Value(math.cos(point_latitude), output_field=FloatField()) * Cos(
        longitude - point_longitude
    )
    clamped = Least(Greatest(cosine, Value(-1.0)), Value(1.0), output_field=FloatField())
    # A Case rather than relying on NULL propagation: PostgreSQL's GREATEST and LEAST
    # skip NULLs, which would make a place without coordinates 0 or 20,000 km away.
    known = Q(**{f"{latitude_field}__isnull": False, f"{longitude_field}__isnull": False})
    return Case(
        When(known, then=ACos(clamped) * Value(EARTH_RADIUS_KM)),
        default=None,
        output_field=FloatField(),
    )


def distance_text(kilometres):
    """ "ok. 1,2 km" in the visitor's language and number format; None: unknown."""
    if kilometres is None:
        return gettext("distance unknown")
    # Never "ok. 0,0 km": the point is rounded to about 100 m anyway.
    shown = max(kilometres, 0.1)
    # Tenths below 10 km, whole kilometres above; rounded here because number_format
    # cuts the digits off.
    decimals = 1 if shown < 9.95 else 0
    return gettext("about %(distance)s km") % {
        "distance": number_format(round(shown, decimals), decimals, use_l10n=True)
    }
