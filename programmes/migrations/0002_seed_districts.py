from django.db import migrations

# Kraków's 18 dzielnice, as named by the city (Uchwała Rady Miasta Krakowa).
DISTRICTS = [
    (1, "I", "Stare Miasto", "stare-miasto"),
    (2, "II", "Grzegórzki", "grzegorzki"),
    (3, "III", "Prądnik Czerwony", "pradnik-czerwony"),
    (4, "IV", "Prądnik Biały", "pradnik-bialy"),
    (5, "V", "Krowodrza", "krowodrza"),
    (6, "VI", "Bronowice", "bronowice"),
    (7, "VII", "Zwierzyniec", "zwierzyniec"),
    (8, "VIII", "Dębniki", "debniki"),
    (9, "IX", "Łagiewniki-Borek Fałęcki", "lagiewniki-borek-falecki"),
    (10, "X", "Swoszowice", "swoszowice"),
    (11, "XI", "Podgórze Duchackie", "podgorze-duchackie"),
    (12, "XII", "Bieżanów-Prokocim", "biezanow-prokocim"),
    (13, "XIII", "Podgórze", "podgorze"),
    (14, "XIV", "Czyżyny", "czyzyny"),
    (15, "XV", "Mistrzejowice", "mistrzejowice"),
    (16, "XVI", "Bieńczyce", "bienczyce"),
    (17, "XVII", "Wzgórza Krzesławickie", "wzgorza-krzeslawickie"),
    (18, "XVIII", "Nowa Huta", "nowa-huta"),
]


def seed_districts(apps, schema_editor):
    District = apps.get_model("programmes", "District")
    for number, numeral, name, slug in DISTRICTS:
        District.objects.update_or_create(
            number=number, defaults={"numeral": numeral, "name": name, "slug": slug}
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(seed_districts, migrations.RunPython.noop)]
