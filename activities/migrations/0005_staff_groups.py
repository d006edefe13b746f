"""The two staff roles, as groups with model permissions (see README, "Staff accounts").

Central editors change everything. Coordinators change their own programmes and what
belongs to them; the admin narrows every list, form and action to those programmes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redaktorzy centralni"
COORDINATORS = "Koordynatorzy PAL"
ALL = ["add", "change", "delete", "view"]

ROLES = {
    EDITORS: {
        "programmes.programme": [*ALL, "change_every"],
        "programmes.location": ALL,
        "programmes.staffcontact": ALL,
        "programmes.programmephoto": ALL,
        "programmes.district": ["view"],
        "activities.activity": ALL,
        "activities.weeklysession": ALL,
        "activities.activityphoto": ALL,
        "activities.correction": ["change", "delete", "view"],
        "activities.agegroup": ALL,
        "activities.topic": ALL,
        "activities.partner": ALL,
    },
    COORDINATORS: {
        "programmes.programme": ["change", "view"],
        "programmes.location": ALL,
        "programmes.staffcontact": ALL,
        "programmes.programmephoto": ALL,
        "programmes.district": ["view"],
        "activities.activity": ALL,
        "activities.weeklysession": ALL,
        "activities.activityphoto": ALL,
        "activities.correction": ["change", "view"],
        "activities.agegroup": ["view"],
        "activities.topic": ["view"],
        "activities.partner": ["add", "view"],
    },
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after `migrate`; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant(apps)


def grant(apps):
    """The groups and their permissions (the permissions must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for label, actions in models.items():
            app_label, model = label.split(".")
            for action in actions:
                codename = (
                    "change_every_programme" if action == "change_every" else f"{action}_{model}"
                )
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0004_staff_tools"),
        ("programmes", "0005_staff_tools"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
