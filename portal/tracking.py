"""Where an opinion stands, in plain words, for anyone holding its tracking code — never who sent it.

One function for the public page and the public API, so both show exactly the same fields; no field
of a petitioner (name, address, phone, email, ID) is ever read here.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.kinds import Kind
from documents.models import IssuedDocument
from petitions.enums import CaseStatus
from petitions.models import Feedback, Petition

from .models import SubmissionStatus, WebSubmission


@dataclass
class PublicStatus:
    code: str
    state: str  # pending, rejected, received, assigned, drafted, answered
    status: str  # the state in plain Vietnamese
    unit: str
    sent_on: datetime.date
    dialogue: str = ""
    agency: str = ""
    due: datetime.date | None = None
    late: bool = False
    answer: str = ""
    outcome: str = ""
    answered_on: datetime.date | None = None
    document_number: str = ""
    document_date: datetime.date | None = None
    reason: str = ""
    feedback: str = ""  # the citizen's word on the answer: settled, not_settled or ""
    may_give_feedback: bool = False
    follow_up: str = ""  # the code of the follow-up opinion when the answer did not settle it

    def as_dict(self) -> dict:
        return asdict(self)


def _plain(state: str, agency: str) -> str:
    words = {
        "pending": _("Sent; waiting for the office to accept it"),
        "rejected": _("Not accepted"),
        "received": _("Accepted; being classified"),
        "assigned": _("Being handled by %(agency)s") % {"agency": agency},
        "drafted": _("An answer is drafted and waits for the leader's approval"),
        "answered": _("Answered"),
    }
    return words[state]


def _from_petition(petition: Petition, today: datetime.date) -> PublicStatus:
    case = petition.case
    state = {
        CaseStatus.RECEIVED: "received",
        CaseStatus.CLASSIFIED: "received",
        CaseStatus.ASSIGNED: "assigned",
        CaseStatus.DRAFTED: "drafted",
        CaseStatus.CLOSED: "answered",
    }[case.status]
    agency = case.agency.name if case.agency_id else ""
    found = PublicStatus(
        code=petition.tracking_code,
        state=state,
        status=_plain(state, agency),
        unit=petition.unit.name,
        sent_on=petition.received_on,
        dialogue=str(petition.dialogue) if petition.dialogue_id else "",
        agency=agency,
        due=case.due,
    )
    if state == "answered":
        found.answer, found.outcome, found.answered_on = case.answer, case.get_outcome_display(), case.approved_on
        found.late = bool(case.due and case.approved_on and case.approved_on > case.due)
        document = (
            IssuedDocument.objects.filter(kind=Kind.WRITTEN_ANSWER, subject_id=petition.pk, replaced=False)
            .order_by("-issued_on")
            .first()
        )
        if document is not None:
            found.document_number, found.document_date = document.symbol, document.issued_on
        found.feedback, found.may_give_feedback = petition.feedback, not petition.feedback
        if petition.feedback == Feedback.NOT_SETTLED:
            found.follow_up = petition.follow_ups.order_by("pk").values_list("tracking_code", flat=True).first() or ""
    else:
        found.late = bool(case.due and case.due < today)
    return found


def public_status(code: str) -> PublicStatus | None:
    """The status of the opinion with this code, from the web form or any other channel; None when unknown."""
    code = (code or "").strip().upper()
    if not code or len(code) > 20:
        return None
    today = timezone.localdate()
    petition = Petition.objects.select_related("case__agency", "unit", "dialogue").filter(tracking_code=code).first()
    if petition is not None:
        return _from_petition(petition, today)
    submission = WebSubmission.objects.select_related("unit", "dialogue").filter(code=code).first()
    if submission is None or submission.status == SubmissionStatus.ACCEPTED:
        return None
    state = "rejected" if submission.status == SubmissionStatus.REJECTED else "pending"
    reason = ""
    if state == "rejected":
        reason = submission.get_reject_reason_display()
        if submission.reject_note:
            reason = f"{reason}. {submission.reject_note}"
    return PublicStatus(
        code=submission.code,
        state=state,
        status=_plain(state, ""),
        unit=submission.unit.name,
        sent_on=timezone.localdate(submission.created_at),
        dialogue=str(submission.dialogue) if submission.dialogue_id else "",
        reason=reason,
    )
