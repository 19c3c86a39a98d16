"""Kết luận và kết quả thực hiện: each issued conclusion notice (Mẫu 9), published to the People, and under it
the progress of every matter not settled at the conference (Decidim's accountability page as the model).

Published automatically: a public dialogue is listed here from the day its conclusion notice is issued
(the ConclusionNotice, or the numbered Mẫu 9 document), and that issue date is the publication date.
The text is the notice's own content (documents.content.conclusion), passed through the personal-data
gate with an anonymous reader: every petitioner of the dialogue named in it reads "Ông/Bà T.V.B.", and
their phone, email and address are cut out. Progress is read live from the matters, so it moves as
agencies answer; its totals are one SQL aggregate.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from common import dates
from conference.models import OutcomeKind
from dialogues.models import Dialogue
from documents import content as builders
from documents.kinds import Kind
from documents.models import IssuedDocument
from documents.render import Block, Content
from petitions.enums import CaseStatus
from petitions.models import Case, Output, Petition
from petitions.privacy import Gate

from .submissions import PUBLIC_STATUSES

CONTACT_FIELDS = ("phone", "email", "address")
MIN_SECRET = 3  # shorter strings are not searched for (they would cut ordinary words)


def _documents():
    found = IssuedDocument.objects.filter(dialogue=OuterRef("pk"), kind=Kind.CONCLUSION, replaced=False)
    return found.order_by("-issued_on", "-pk")


def published() -> QuerySet[Dialogue]:
    """Public dialogues whose conclusion notice is issued, newest first, with `published_on` and `symbol`."""
    documents = _documents()
    return (
        Dialogue.objects.filter(status__in=PUBLIC_STATUSES)
        .filter(Q(conclusion_issued_on__isnull=False) | Exists(documents))
        .annotate(
            published_on=Coalesce("conclusion_issued_on", Subquery(documents.values("issued_on")[:1])),
            symbol=Subquery(documents.values("symbol")[:1]),
        )
        .select_related("unit")
        .order_by("-published_on", "-pk")
    )


class Redactor:
    """Cuts every petitioner of one dialogue out of a text: names through the gate, contacts removed."""

    def __init__(self, dialogue: Dialogue) -> None:
        gate = Gate(None, Output.PAGE)  # an anonymous reader: the gate shows nobody
        petitions = Petition.objects.filter(Q(dialogue=dialogue) | Q(case__dialogue=dialogue), petitioner__isnull=False)
        pairs: dict[str, str] = {}
        for petition in petitions.select_related("petitioner", "case__unit"):
            person, label = petition.petitioner, gate.label(petition.petitioner, petition.case)
            for name in (person.full_name, person.representative, person.organization_name):
                pairs[name.strip()] = label
            for name in CONTACT_FIELDS:
                pairs[getattr(person, name).strip()] = "…"
        self.pairs = sorted(((k, v) for k, v in pairs.items() if len(k) >= MIN_SECRET), key=lambda kv: -len(kv[0]))

    def __call__(self, text: str) -> str:
        for secret, label in self.pairs:
            text = text.replace(secret, label)
        return text


def public_content(dialogue: Dialogue) -> Content:
    """Mẫu 9's content as the public reads it: every text of it through the Redactor."""
    _issuer, content = builders.conclusion(dialogue)
    scrub = Redactor(dialogue)
    public = copy.deepcopy(content)
    public.summary = scrub(public.summary)
    public.body = [
        Block(scrub(b.text), b.bold, b.center, b.italic, [[scrub(cell) for cell in row] for row in b.rows]) for b in public.body
    ]
    return public


def digest(content: Content) -> str:
    """Changes when the public text changes (a new deadline, a reassignment): the PDF is made again."""
    return hashlib.sha256(repr((content.summary, [(b.text, b.rows) for b in content.body])).encode()).hexdigest()[:24]


def pending(dialogue: Dialogue) -> QuerySet[Case]:
    """The matters not settled at the conference (no outcome counts as unsettled, as in Mẫu 9), oldest first."""
    return (
        Case.objects.filter(dialogue=dialogue)
        .exclude(conference_outcome__kind=OutcomeKind.SETTLED)
        .annotate(agency_name=Coalesce(F("agency__name"), F("conference_outcome__agency__name")))
        .order_by("pk")
    )


@dataclass
class Progress:
    summary: str
    agency: str
    due: datetime.date | None
    answered: bool
    answered_on: datetime.date | None
    late: bool

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def progress_row(case: Case, scrub: Redactor, today: datetime.date) -> Progress:
    answered = case.status == CaseStatus.CLOSED
    late = bool(case.due and case.approved_on and case.approved_on > case.due) if answered else case.is_overdue(today)
    return Progress(scrub(case.summary), case.agency_name or "", case.due, answered, case.approved_on, late)


def totals(dialogue: Dialogue, today: datetime.date | None = None) -> dict:
    """Unsettled matters, answered, answered late, overdue: one aggregate query."""
    today = today or dates.today()
    closed = Q(status=CaseStatus.CLOSED)
    return pending(dialogue).aggregate(
        unsettled=Count("pk"),
        answered=Count("pk", filter=closed),
        answered_late=Count("pk", filter=closed & Q(approved_on__gt=F("due"))),
        overdue=Count("pk", filter=~closed & Q(due__lt=today)),
    )
