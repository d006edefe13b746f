from django.db import migrations

# The Polish columns start as copies of the original ones (which stay as they were).
FIELDS = {
    "District": ["name"],
    "Programme": ["name", "summary", "description", "audience", "source"],
    "Location": ["name", "accessibility"],
}

# Ukrainian readers get the usual Cyrillic spelling of the official names; the English
# page keeps the official Polish names, as street signs and timetables show them.
DISTRICT_NAMES_UK = {
    "stare-miasto": "Старе Місто",
    "grzegorzki": "Гжегужки",
    "pradnik-czerwony": "Прондник Червоний",
    "pradnik-bialy": "Прондник Білий",
    "krowodrza": "Кроводжа",
    "bronowice": "Броновіце",
    "zwierzyniec": "Звежинець",
    "debniki": "Дембніки",
    "lagiewniki-borek-falecki": "Лагевники-Борек Фаленцький",
    "swoszowice": "Свошовіце",
    "podgorze-duchackie": "Подгуже Духацьке",
    "biezanow-prokocim": "Бежанув-Прокоцім",
    "podgorze": "Подгуже",
    "czyzyny": "Чижини",
    "mistrzejowice": "Містшейовіце",
    "bienczyce": "Бєнчице",
    "wzgorza-krzeslawickie": "Взгужа Кшеславицькі",
    "nowa-huta": "Нова Гута",
}


def fill_polish_columns(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("programmes", model_name)
        for row in model.objects.all():
            for field in fields:
                if not getattr(row, f"{field}_pl"):
                    setattr(row, f"{field}_pl", getattr(row, field))
            row.save(update_fields=[f"{field}_pl" for field in fields])


def translate_district_names(apps, schema_editor):
    District = apps.get_model("programmes", "District")
    for district in District.objects.all():
        district.name_uk = DISTRICT_NAMES_UK.get(district.slug) or district.name_uk
        district.name_en = district.name_en or district.name_pl or district.name
        district.save(update_fields=["name_uk", "name_en"])


def forwards(apps, schema_editor):
    fill_polish_columns(apps, schema_editor)
    translate_district_names(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0006_translated_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
