"""django-rules permissions named "doithoai.<action>", all delegating to organizations.access.can.

The object may be an administrative unit or anything with a `unit` attribute.
"""

import rules

from .access import ACTIONS, can
from .models import AdministrativeUnit


def _unit_of(obj):
    if isinstance(obj, AdministrativeUnit):
        return obj
    return getattr(obj, "unit", None)


def _predicate(action: str):
    @rules.predicate(name=f"can_{action}")
    def check(user, obj=None) -> bool:
        return can(user, action, _unit_of(obj))

    return check


for _action in ACTIONS:
    rules.add_perm(f"doithoai.{_action}", _predicate(_action))
