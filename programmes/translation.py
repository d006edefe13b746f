"""Content fields translated with django-modeltranslation (see README, "Languages").

Each registered field gets one column per language (`name_pl`, `name_uk`, `name_en`)
on the same row. Reading `name` gives the current language's text, or the Polish
when that is empty. Slugs, addresses and people's names are not translated.
"""

from modeltranslation.translator import TranslationOptions, register

from programmes.models import District, Location, Programme


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ["name"]


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = [
        "name",
        "summary",
        "description",
        "audience",
        "source",
        "only_for",
        "notice",
    ]


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ["name", "accessibility"]
