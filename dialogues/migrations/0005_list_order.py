"""Issue 16: the dialogue list's order across many units (a province viewer), read in index order."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dialogues", "0004_record")]

    operations = [
        migrations.AddIndex(model_name="dialogue", index=models.Index(fields=["-date", "-id"], name="dialogue_date")),
    ]
