"""Create-or-update that writes only when something differs, so loaders can run twice with no effect."""

from __future__ import annotations

from django.db import models


def upsert(model: type[models.Model], lookup: dict, values: dict) -> tuple[models.Model, bool]:
    """Return (object, changed). Saves (and so writes history) only when a value differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, bool(changed)
