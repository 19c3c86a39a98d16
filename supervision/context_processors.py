"""Template context of the supervision app: whether the menu shows the "Giám sát" link.

It lives here, not in organizations.context_processors, because the rule is supervision's (access.may_open)
and a lower layer never imports a higher one; settings list it after organizations' processor.
"""

from __future__ import annotations

from django.http import HttpRequest

from .access import may_open


def supervision_menu(request: HttpRequest) -> dict[str, bool]:
    """The link shows for exactly who may open the pages: any role in any unit (the agency asked included)."""
    user = getattr(request, "user", None)
    return {"may_open_supervision": bool(user is not None and may_open(user))}
