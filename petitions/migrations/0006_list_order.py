"""Issue 16: the lists' order across many units (a province viewer), so the first page is read in index order."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_citizen_feedback")]

    operations = [
        migrations.AddIndex(model_name="case", index=models.Index(fields=["-created_at", "-id"], name="case_created")),
        migrations.AddIndex(
            model_name="petition", index=models.Index(fields=["-received_on", "-id"], name="petition_received")
        ),
    ]
