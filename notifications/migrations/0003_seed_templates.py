"""Seed the administrators' editable texts with the defaults of notifications/kinds.py (missing kinds only)."""

from django.db import migrations


def seed(apps, schema_editor):
    from notifications.templating import seed_templates

    seed_templates(apps.get_model("notifications", "MessageTemplate"))


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_preferences_templates_consent")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
