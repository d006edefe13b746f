import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify

from activities.models import Activity, AgeGroup, Language, Partner, Topic, WeeklySession
from programmes.models import District, Location, Programme, StaffContact


def district(slug="nowa-huta"):
    """Districts are seeded by a migration; tests pick one rather than create it."""
    return District.objects.get(slug=slug)


def language(code="uk"):
    """Languages are seeded by a migration (pl, uk, en, rom, pso); tests pick one."""
    return Language.objects.get(code=code)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"PAL Testowy {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    summary = "Zajęcia dla mieszkańców osiedla."
    published = True

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create and extracted:
            self.districts.set(extracted)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    programme = factory.SubFactory(ProgrammeFactory)
    address = factory.Sequence(lambda n: f"os. Testowe {n}")
    district = factory.LazyFunction(district)


class StaffContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffContact

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Osoba Kontaktowa {n}")


class AgeGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgeGroup
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Grupa {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Temat {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Szkoła nr {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Zajęcia numer {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Krótki opis zajęć."

    @factory.post_generation
    def age_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.age_groups.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class WeeklySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklySession

    activity = factory.SubFactory(ActivityFactory)
    weekday = 2
    starts_at = "17:00"
    ends_at = "18:30"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pracownik{n}")
    is_staff = True
    password = factory.django.Password("Długie-hasło-do-testów-2024")


def coordinator(programme, **kwargs):
    """A staff account in the coordinators' group (made by a migration) for one programme."""
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name="Koordynatorzy PAL"))
    programme.coordinators.add(user)
    return user


def editor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name="Redaktorzy centralni"))
    return user
