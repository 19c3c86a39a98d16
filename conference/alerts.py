"""The Front and the supervising boards (Ban Dân vận, Ban Xây dựng Đảng) are told when the conclusion notice
is issued (003 Điều 10.1); called by proceedings.issue_notice inside its transaction."""

from __future__ import annotations

from django.urls import reverse

from notifications import petitioners as petitioner_notices
from notifications.outbox import notify
from organizations.enums import Role
from organizations.models import Membership

from .models import ConclusionNotice


def notice_issued(notice: ConclusionNotice) -> int:
    dialogue = notice.dialogue
    supervisors = Membership.objects.filter(
        organization__unit=dialogue.unit, role=Role.FRONT_SUPERVISOR, user__is_active=True
    ).select_related("user")
    rule = dialogue.profile.deadline("conclude")
    citation = rule.citation if rule is not None else ""
    written = 0
    for user in {m.user_id: m.user for m in supervisors}.values():
        written += len(
            notify(
                user,
                "notice_issued",
                subject_object=notice,
                context={"notice": notice, "dialogue": dialogue, "citation": citation},
                legally_required=True,
                dedupe_key=f"notice_issued:{notice.pk}",
                link=reverse("dialogues:detail", args=[dialogue.pk]),
            )
        )
    written += petitioner_notices.conclusion_issued(dialogue, notice.issued_on)  # petitioners who consented
    return written
