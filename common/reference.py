"""Reference data arrives with the schema: each owning app loads its shipped rows after `migrate`.

The owning apps (organizations, workdays, regulations) connect their loader in AppConfig.ready() with
`load_after_migrate`; the loaders are idempotent and add what is missing without touching administrators'
edits. Skipped when REFERENCE_DATA_ON_MIGRATE is off (the test settings), on other databases than
"default", and while migrations are still unapplied (e.g. `migrate app 0001`), when tables may lag the models.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import AppConfig
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import post_migrate


def fully_migrated(using: str = DEFAULT_DB_ALIAS) -> bool:
    executor = MigrationExecutor(connections[using])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def load_after_migrate(app_config: AppConfig, loader: Callable[[], object], label: str) -> None:
    """Run `loader()` after every `migrate` of this app; `label` names the data in migrate's output."""

    def handler(sender, using: str = DEFAULT_DB_ALIAS, verbosity: int = 1, stdout=None, **kwargs) -> None:
        if not getattr(settings, "REFERENCE_DATA_ON_MIGRATE", True) or using != DEFAULT_DB_ALIAS:
            return
        if not fully_migrated(using):
            return
        result = loader()
        if verbosity >= 1 and stdout is not None:
            count = len(result) if isinstance(result, list | tuple) else result
            stdout.write(f"  Dữ liệu tham chiếu — {label}: {count} mục mới hoặc cập nhật.\n")

    post_migrate.connect(handler, sender=app_config, weak=False, dispatch_uid=f"reference-data-{app_config.label}")
