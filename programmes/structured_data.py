"""schema.org data (JSON-LD) for programme pages, built only from what the data says.

Nothing is filled in that staff did not enter: no invented opening hours, phone
numbers or coordinates; a missing value is simply left out.
"""

from django.utils.translation import gettext

from programmes.seo import absolute_url

CONTEXT = "https://schema.org"
# The source article links to MOPS Kraków's own site; that is all we state about it.
MOPS_URL = "https://mops.krakow.pl/"


def organization(request, with_context=False):
    """MOPS Kraków, the public body that runs every programme."""
    data = {
        "@type": "GovernmentOrganization",
        "@id": absolute_url(request, "/") + "#mops",
        "name": "Miejski Ośrodek Pomocy Społecznej w Krakowie",
        "alternateName": "MOPS Kraków",
        "url": MOPS_URL,
        "areaServed": city(),
    }
    return {"@context": CONTEXT, **data} if with_context else data


def website(request):
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": absolute_url(request, "/") + "#website",
        "name": "PAL Kraków",
        "description": gettext("Local Activity Programmes"),
        "url": absolute_url(request, "/"),
        "inLanguage": getattr(request, "LANGUAGE_CODE", "pl"),
        "publisher": organization(request),
    }


def city():
    return {"@type": "City", "name": "Kraków"}


def district(district):
    return {"@type": "AdministrativeArea", "name": str(district), "containedInPlace": city()}


def postal_address(location):
    address = {
        "@type": "PostalAddress",
        "streetAddress": location.address,
        "addressLocality": location.city,
        "addressCountry": "PL",
    }
    if location.postal_code:
        address["postalCode"] = location.postal_code
    return address


def place(location):
    data = {
        "@type": "Place",
        "name": location.name or location.address,
        "address": postal_address(location),
    }
    if location.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    if location.district is not None:
        data["containedInPlace"] = district(location.district)
    return data


def area_served(programme):
    if programme.citywide:
        return city()
    return [district(d) for d in programme.districts.all()]


def contact_point(contact):
    data = {"@type": "ContactPoint", "name": contact.name}
    if contact.role:
        data["contactType"] = contact.role
    if contact.phone:
        data["telephone"] = contact.phone
    if contact.email:
        data["email"] = contact.email
    return data


def programme_reference(request, programme):
    """The programme as the organiser or provider of an activity."""
    return {
        "@type": "Organization",
        "@id": absolute_url(request, programme.get_absolute_url()) + "#programme",
        "name": programme.name,
        "url": absolute_url(request, programme.get_absolute_url()),
        "parentOrganization": organization(request),
    }


def programme(request, programme, contacts):
    """A programme is an Organization: a unit of MOPS with its seat, the area it
    serves and its contact points (GovernmentService has no place for contacts)."""
    data = {"@context": CONTEXT, **programme_reference(request, programme)}
    data["description"] = programme.summary
    locations = list(programme.locations.all())
    if locations:
        data["address"] = postal_address(locations[0])
        data["location"] = [place(location) for location in locations]
    area = area_served(programme)
    if area:
        data["areaServed"] = area
    if contacts:
        data["contactPoint"] = [contact_point(contact) for contact in contacts]
    if programme.audience:
        data["audience"] = {"@type": "Audience", "audienceType": programme.audience}
    return data
