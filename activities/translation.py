"""Content fields translated with django-modeltranslation (see programmes/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from activities.models import Activity, AgeGroup, Language, Topic


@register(AgeGroup)
class AgeGroupTranslation(TranslationOptions):
    fields = ["name", "description"]


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ["name", "description"]


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = [
        "title",
        "summary",
        "description",
        "audience_note",
        "eligibility",
        "cost_note",
        "timing_note",
        "only_for",
        "notice",
        "how_to_join_note",
        "what_to_bring",
    ]


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ["name"]
