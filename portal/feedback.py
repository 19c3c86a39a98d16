"""FixMyStreet's "has it been fixed?": after the answer, whoever holds the tracking code says whether it settled
the matter. "Not settled" with a reason becomes a follow-up opinion linked to the first (000 §7 item 11: the
dossier compiles follow-up petitions), which staff see on the matter's page and reports count.

One answer per tracking code; nothing here reads or returns a petitioner's identity.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from common import dates
from petitions import casework
from petitions.enums import CaseStatus, Channel
from petitions.models import CaseEvent, Feedback, Petition

MAX_REASON = 2000


class FeedbackError(Exception):
    """A refused feedback; the message is Vietnamese and shown as it is. Nothing was written."""


def may_give(petition: Petition) -> bool:
    """Only once the answer is approved, and only once per tracking code."""
    return petition.case.status == CaseStatus.CLOSED and not petition.feedback


@transaction.atomic
def give(code: str, settled: bool, reason: str = "") -> Petition | None:
    """Record the citizen's word on the answer; the follow-up opinion when it did not settle the matter.

    Side effects: the petition's feedback and its date (and its history row); a CaseEvent on the matter
    ("citizen_settled" or "citizen_not_settled" with the reason); when not settled, a new opinion by
    casework.receive (channel "Public web form", same petitioner and unit, follow_up_of the first), which
    also writes the "follow_up" event. Raises FeedbackError (nothing written) when refused.
    """
    reason = (reason or "").strip()
    found = Petition.objects.select_for_update().select_related("case", "unit")
    petition = found.filter(tracking_code=(code or "").strip().upper()).first()
    if petition is None:
        raise FeedbackError("Không có ý kiến nào mang mã này.")
    if petition.feedback:
        raise FeedbackError("Ý kiến này đã được phản hồi; mỗi mã tra cứu chỉ phản hồi một lần.")
    if petition.case.status != CaseStatus.CLOSED:
        raise FeedbackError("Chỉ phản hồi được sau khi ý kiến đã có câu trả lời.")
    if not settled and not reason:
        raise FeedbackError("Hãy cho biết vì sao vấn đề chưa được giải quyết.")
    if len(reason) > MAX_REASON:
        raise FeedbackError(f"Lý do dài quá {MAX_REASON} ký tự.")
    petition.feedback = Feedback.SETTLED if settled else Feedback.NOT_SETTLED
    petition.feedback_on = dates.today()
    petition.save(update_fields=["feedback", "feedback_on"])
    follow_up = None
    if not settled:
        follow_up = casework.receive(
            None, petition.unit, casework.Opinion(reason), Channel.WEB_FORM, petition.petitioner, follow_up_of=petition
        )
    CaseEvent.objects.create(
        case=petition.case,
        action="citizen_settled" if settled else "citizen_not_settled",
        reason=f"{follow_up.tracking_code}: {reason}" if follow_up else reason,
        detail={"petition": petition.tracking_code, "follow_up": follow_up.tracking_code if follow_up else ""},
    )
    return follow_up


def counts(petitions: QuerySet[Petition], start: datetime.date | None = None, end: datetime.date | None = None) -> dict:
    """For reports: how many said settled / not settled (given between start and end), one aggregate query."""
    if start:
        petitions = petitions.filter(feedback_on__gte=start)
    if end:
        petitions = petitions.filter(feedback_on__lte=end)
    return petitions.aggregate(
        settled=Count("pk", filter=Q(feedback=Feedback.SETTLED)),
        not_settled=Count("pk", filter=Q(feedback=Feedback.NOT_SETTLED)),
    )
