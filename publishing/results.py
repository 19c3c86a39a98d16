"""The verbs of publishing a dialogue's results (Luật 72/2025/QH15 Điều 43, tóm tắt): each write goes through here.

The deadline is the regulation's `publish_results` row (the law's profile: 10 calendar days after the
conference, communes only), so a dialogue its regulation does not bind gets no publication duty. The
portal posting counts as done on the conclusion notice's issue date (the portal publishes every issued
notice). The headquarters posting and each dispatch are recorded here, never dated in the future.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common import dates
from dialogues.enums import HELD_STATUSES
from dialogues.models import Dialogue
from organizations.models import Organization
from regulations.layers import layered_deadlines

from .models import Dispatch, Publication

RULE_CODE = "publish_results"
HEAD_KINDS = ("residential_group",)  # organisation kinds whose heads receive the results (tổ dân phố / thôn)


class PublishingError(Exception):
    """Refused; the message is Vietnamese and nothing was written."""


def publication_rule(dialogue: Dialogue):
    """The regulation row that sets the publication deadline for this dialogue, or None where none binds it."""
    layers = layered_deadlines(dialogue.profile, dialogue.unit.level.code, dialogue.date)
    layer = layers.get(RULE_CODE)
    return layer.rule if layer is not None else None


@transaction.atomic
def open_publication(dialogue: Dialogue) -> Publication | None:
    """Open the publication duty of a held dialogue: due date, and one dispatch per village or residential group.

    Idempotent (the existing row is returned). Side effects: the publication row and its dispatch rows.
    Nothing for a dialogue not held yet, or whose regulation sets no publication deadline.
    """
    existing = Publication.objects.filter(dialogue=dialogue).first()
    if existing is not None or dialogue.status not in HELD_STATUSES:
        return existing
    rule = publication_rule(dialogue)
    if rule is None:
        return None
    publication = Publication.objects.create(dialogue=dialogue, due_on=rule.compute(dialogue.date).date, citation=rule.citation)
    heads = Organization.objects.filter(unit=dialogue.unit, kind__code__in=HEAD_KINDS, is_active=True).order_by("name")
    Dispatch.objects.bulk_create([Dispatch(publication=publication, organization=org, recipient=org.name) for org in heads])
    return publication


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().select_related("dialogue").get(pk=publication.pk)


def portal_posted_on(dialogue: Dialogue) -> datetime.date | None:
    """The conclusion notice's issue date: the portal publishes each notice when it is issued."""
    return dialogue.conclusion_issued_on


def _date_of_record(dialogue: Dialogue, on: datetime.date | None, label: str) -> datetime.date:
    """Not in the future, and not before the conclusion it publishes was issued."""
    if on is None:
        raise PublishingError(_("%(label)s is required.") % {"label": label})
    try:
        dates.check_not_future(on, label)
    except ValidationError as error:
        raise PublishingError(error.messages[0]) from None
    issued = portal_posted_on(dialogue)
    if issued is None:
        raise PublishingError(_("Issue the conclusion notice first: it is what is published."))
    if on < issued:
        raise PublishingError(
            _("%(label)s cannot be before the conclusion notice was issued (%(issued)s).")
            % {"label": label, "issued": issued.strftime("%d/%m/%Y")}
        )
    return on


def _refresh(publication: Publication) -> None:
    """Completed on the last of the three publications, once all are done (else not completed)."""
    dispatches = list(publication.dispatches.values_list("sent_on", flat=True))
    parts = [portal_posted_on(publication.dialogue), publication.headquarters_posted_on]
    if not dispatches or None in dispatches or None in parts:
        publication.completed_on = None
    else:
        publication.completed_on = max([*parts, *dispatches])
    publication.save()


@transaction.atomic
def record_headquarters(publication: Publication, user: User | None, on: datetime.date) -> Publication:
    """Check off the posting at the commune's headquarters. Side effects: the date, who, and completion."""
    publication = _locked(publication)
    publication.headquarters_posted_on = _date_of_record(publication.dialogue, on, "Ngày niêm yết tại trụ sở")
    publication.headquarters_posted_by = user
    _refresh(publication)
    return publication


@transaction.atomic
def add_recipient(publication: Publication, user: User | None, name: str) -> Dispatch:
    """Add a head the staff keep on their own list (no organisation recorded). Side effects: one dispatch row."""
    publication = _locked(publication)
    name = (name or "").strip()
    if not name:
        raise PublishingError(_("Give the recipient's name (e.g. the head of Village 3)."))
    known = {each.casefold() for each in publication.dispatches.values_list("recipient", flat=True)}  # one commune's heads
    if name.casefold() in known:  # in Python: SQLite compares only ASCII letters case-insensitively
        raise PublishingError(_("This recipient is already on the list."))
    dispatch = Dispatch.objects.create(publication=publication, recipient=name[:300])
    _refresh(publication)
    return dispatch


@transaction.atomic
def record_dispatch(publication: Publication, user: User | None, dispatch_ids: list[int], on: datetime.date) -> int:
    """Record the results as sent, on `on`, to the chosen heads. Side effects: their dates, who, completion."""
    publication = _locked(publication)
    on = _date_of_record(publication.dialogue, on, "Ngày gửi trưởng thôn, tổ trưởng tổ dân phố")
    chosen = publication.dispatches.filter(pk__in=dispatch_ids or [])
    if not chosen.exists():
        raise PublishingError(_("Choose at least one recipient."))
    count = chosen.update(sent_on=on, sent_by=user)
    _refresh(publication)
    return count
