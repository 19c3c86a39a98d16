"""Retention of voters' personal data in requests to convene a dialogue: once closed, the people go, the counts stay.

A request is closed when the dialogue planned from it was held and its results published completely
(publishing.Publication.completed_on, Luật 72/2025/QH15 Điều 43 (tóm tắt)), or when it was closed without a dialogue
(lists invalid, withdrawn: `closed_on`). CONVENING_DATA_RETENTION_DAYS after that day there is no purpose left for the
representative's name and contact, the reason for closing, or the scanned lists of signatures (names, addresses,
signatures of voters): data minimisation and storage limitation (Nghị định 13/2023/NĐ-CP Điều 3; Luật Bảo vệ dữ liệu
cá nhân 91/2025/QH15). What stays: the subject, text, unit, dates, the number of voters, the supporters per list and
in all, the threshold, the duty and the dialogue, so the public page and the reports still hold. Run nightly with
`anonymise_closed_cases` (registered in ConveningConfig.ready); `anonymised_on` makes a second run a no-op.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from audit.log import record
from common import dates
from petitions.retention import RetentionError

from .models import CLOSED_STATES, ConveningRequest, RequestState, SignatureList

CLEARED = ("representative_name", "representative_contact", "closed_reason")  # a reason may name people


def closed_before(today: datetime.date | None = None, days: int | None = None) -> QuerySet[ConveningRequest]:
    """Requests whose dialogue's results were published completely, or that were closed without a dialogue, more
    than `days` (default: the setting) ago."""
    days = settings.CONVENING_DATA_RETENTION_DAYS if days is None else days
    if days < 1:
        raise RetentionError(
            f"Thời hạn lưu dữ liệu cá nhân của yêu cầu tổ chức đối thoại phải từ 1 ngày trở lên (đang là {days})."
        )
    last_day = (today or dates.today()) - datetime.timedelta(days=days)
    planned = Q(state=RequestState.PLANNED, duty__dialogue__publication__completed_on__lte=last_day)
    closed = Q(state__in=CLOSED_STATES, closed_on__lte=last_day)  # invalid or withdrawn: counted from the decision
    return ConveningRequest.objects.filter(planned | closed, anonymised_on__isnull=True)


@transaction.atomic
def erase_closed_requests(*, today: datetime.date | None = None, days: int | None = None, dry_run: bool = False) -> int:
    """Erase the representative's data and the signed scans of closed requests; the number of requests concerned.

    Side effects (unless dry_run): the fields in CLEARED blanked and anonymised_on set (today); each signed
    list's scan deleted (file after commit) and its file name blanked, its count kept; the earlier history
    rows of the requests and lists (which hold the old values) deleted; one security-log event
    "retention.convening".
    """
    # Locked by key: the "planned or closed" condition joins the duty outer-wise, which FOR UPDATE cannot lock.
    due = closed_before(today, days).values("pk")
    found = list(ConveningRequest.objects.select_for_update().filter(pk__in=due).order_by("pk"))
    if dry_run or not found:
        return len(found)
    lists = list(SignatureList.objects.select_for_update().filter(request__in=found).order_by("pk"))
    for signed in lists:
        if signed.file:
            transaction.on_commit(lambda stored=signed.file: stored.delete(save=False))
    SignatureList.history.filter(id__in=[s.pk for s in lists]).delete()
    SignatureList.objects.filter(pk__in=[s.pk for s in lists]).update(file="", original_name="")
    ConveningRequest.history.filter(id__in=[r.pk for r in found]).delete()
    day = today or dates.today()
    for item in found:
        for name in CLEARED:
            setattr(item, name, "")
        item.anonymised_on = day
        item._change_reason = "anonymised"
        item.save()
    record("retention.convening", detail={"requests": len(found), "signed_lists": len(lists)})
    return len(found)
