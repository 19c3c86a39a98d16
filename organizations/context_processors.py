"""Template context: the signed-in user's roles and organisations."""

from .access import ACTIONS, memberships


def current_roles(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    mine = memberships(request.user)
    # Links are shown only to who may open them (the overdue board needs "supervise"); the supervision link is
    # supervision's own rule (supervision.context_processors), not this one.
    may_supervise = request.user.is_superuser or any(m.role in ACTIONS["supervise"] for m in mine)
    return {"my_memberships": mine, "may_supervise": may_supervise}
