"""Template filters of the conference screens."""

from django import template

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
