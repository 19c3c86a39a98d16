"""Accent-insensitive search at a province's size: trigram GIN indexes on the folded text (PostgreSQL only).

The search runs `search_text LIKE '%…%'` on text already folded (lower case, no accents); with pg_trgm the
same query uses these indexes instead of scanning the table. SQLite keeps the plain LIKE.
"""

from django.db import migrations

INDEXES = (
    ("case_search_trgm", "petitions_case"),
    ("petition_search_trgm", "petitions_petition"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_list_indexes")]

    operations = [migrations.RunPython(create, drop)]
