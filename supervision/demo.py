"""Demo supervision: the Hồng An Front's plan for the year and one finding on the Tân Kỳ dialogue.

Written through `supervision.verbs` (same checks as the screens) so the supervision home, the plan page
and Form 2's supervision row show something after `load_demo`. Idempotent: existing rows are left alone.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from common import dates
from dialogues.models import Dialogue
from organizations.models import Organization
from supervision.models import Finding, SupervisionPlan
from supervision.verbs import create_plan, record_finding

FINDING = (
    "Đến hạn trả lời bằng văn bản theo thông báo kết luận, còn ý kiến của thanh niên chưa được trả lời; "
    "đề nghị cơ quan tham mưu đôn đốc các cơ quan được giao."
)


@transaction.atomic
def load_demo_supervision() -> int:
    """Create the missing demo plan and finding; returns the rows written."""
    written = 0
    front = Organization.objects.filter(code="ha-mttq").first()
    supervisor = User.objects.filter(username="mattran").first()
    dialogue = Dialogue.objects.filter(unit__code="31-HONGAN").order_by("date").first()
    if front and supervisor and dialogue and not SupervisionPlan.objects.filter(organization=front).exists():
        create_plan(
            supervisor,
            front,
            dialogue.date.year,
            f"Kế hoạch giám sát việc thực hiện kết luận hội nghị đối thoại năm {dialogue.date.year}",
            "Giám sát việc ban hành thông báo kết luận và việc trả lời bằng văn bản của các cơ quan (003 Điều 13.3).",
            dialogues=[dialogue],
        )
        written += 1
    front = Organization.objects.filter(code="tk-mttq").first()
    admin = User.objects.filter(username="quantri").first()
    dialogue = Dialogue.objects.filter(unit__code="31-TANKY").order_by("date").first()
    if front and admin and dialogue and not Finding.objects.filter(organization=front, dialogue=dialogue).exists():
        record_finding(admin, front, FINDING, dialogue=dialogue, found_on=dates.today())
        written += 1
    return written
