"""Template context: the signed-in user's roles and organisations."""

from .access import memberships


def current_roles(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"my_memberships": memberships(request.user)}
