"""Form plumbing shared by the screens that answer a refused htmx form with one message."""

from __future__ import annotations

from django import forms


def first_error(form: forms.Form) -> str:
    """The first error message of an invalid form (the one message the refusal shows)."""
    return next(iter(form.errors.values()))[0]
