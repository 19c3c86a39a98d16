"""`{% notification_bell %}`: the bell with the unread count, for the top bar of base.html."""

from django import template

from notifications.inbox import unread_count

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context) -> dict:
    user = context.get("user")
    count = unread_count(user) if user is not None and user.is_authenticated else 0
    return {"count": count}
