"""A dialogue that is held opens its publication duty (publishing.results.open_publication).

A receiver, not a call in dialogues.lifecycle.hold: the dialogues app must not know this higher layer.
It runs inside the transaction that saved the dialogue, so both are written or neither.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from dialogues.enums import HELD_STATUSES
from dialogues.models import Dialogue


@receiver(post_save, sender=Dialogue, dispatch_uid="publishing_open_on_held")
def open_when_held(sender, instance: Dialogue, raw: bool = False, **kwargs) -> None:
    if raw or instance.status not in HELD_STATUSES:
        return
    from .results import open_publication

    open_publication(instance)
