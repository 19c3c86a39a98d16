"""Indexes the models declare (Meta.indexes) and the PostgreSQL trigram index, created on the bench database.

Until their migrations exist, `make bench` would otherwise measure without them. Each is created only when
missing, so once the migrations have run this does nothing. Never run against the office's database.
"""

from __future__ import annotations

TRIGRAM = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS case_search_trgm ON petitions_case USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS petition_search_trgm ON petitions_petition USING gin (search_text gin_trgm_ops)",
]


def ensure_indexes() -> list[str]:
    """Create the declared indexes that the database lacks; returns their names."""
    from django.apps import apps
    from django.db import connection

    created = []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in apps.get_models():
            declared = model._meta.indexes
            if not declared or model._meta.db_table not in tables:  # a model whose migration has not run: skipped
                continue
            existing = connection.introspection.get_constraints(cursor, model._meta.db_table)
            for index in declared:
                if index.name not in existing:
                    with connection.schema_editor() as editor:
                        editor.add_index(model, index)
                    created.append(index.name)
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname IN ('case_search_trgm', 'petition_search_trgm')")
            if cursor.fetchone()[0] < 2:  # else not even asked for: CREATE INDEX waits for a running bulk load's lock
                for statement in TRIGRAM:
                    cursor.execute(statement)
            cursor.execute("ANALYZE")
    return created
