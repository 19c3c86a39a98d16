"""Template filters of the conference screens."""

from django import template

from organizations.access import can

register = template.Library()


@register.filter
def mmss(seconds) -> str:
    """A speaker's time as mm:ss ("04:59"); over time it reads "-00:12"."""
    try:
        value = int(seconds)
    except (TypeError, ValueError):
        return ""
    sign = "-" if value < 0 else ""
    minutes, rest = divmod(abs(value), 60)
    return f"{sign}{minutes:02d}:{rest:02d}"


@register.filter
def may_record(user, dialogue) -> bool:
    """Whether `user` may open the record-only screens of `dialogue` (attendance, chair, minutes, outcomes).

    The conference menu hides them otherwise: a link that ends on "no permission" is a dead end.
    """
    return bool(getattr(user, "is_authenticated", False)) and can(user, "record_conference", dialogue.unit)
