"""Seed 001 (Kế hoạch 2025, phường Gia Viên) walked end to end within 003 (1155-QĐ/TU) and Luật 72.

One periodic dialogue co-hosted by the Bí thư and the Chủ tịch UBND (001 II.2.1), conference Thu
28/8/2025 (the plan binds 2025 only: valid_to 31/12/2025). Days not worked in the periods (workdays
data): 1-2/9/2025 Quốc khánh and weekends.
"""

import datetime

import pytest

from dialogues import lifecycle
from dialogues.enums import StepStatus
from petitions.enums import CaseStatus

from .seed_walk import actions, done_by_the_work, load_profiles, place, sides, walk

pytestmark = pytest.mark.django_db
D = datetime.date


def test_gia_vien_dialogue_walks_001_plan_with_003_beside(monkeypatch):
    """001 II.6, III.1, IV.1.1, IV.1.2, IV.1.3, IV.1.4; 003 Điều 8.1, 10.1, 10.2; Luật 72/2025/QH15 Điều 43."""
    load_profiles()
    where = place("gia-vien-2025", "31-GIAVIEN", "Phường Gia Viên")
    w = walk(
        monkeypatch,
        where,
        planned=D(2025, 8, 1),
        received=D(2025, 8, 8),
        announced=D(2025, 8, 14),
        held=D(2025, 8, 28),
        concluded=D(2025, 9, 10),
        answered=D(2025, 9, 18),
        archived=D(2025, 10, 1),
        hosts=[lifecycle.HostChoice(where.secretary), lifecycle.HostChoice(where.chair)],
    )
    assert w.dialogue.profile.code == "gia-vien-2025"
    assert sorted(w.dialogue.hosts.values_list("person__full_name", flat=True)) == ["Nguyễn Văn Hùng", "Phạm Minh Đức"]
    before = w.planned_steps
    # 001 IV.1.1: thông báo ít nhất 07 ngày làm việc before 28/8: 27,26,25,22,21,20,19 lie between → 18/8
    assert before["announce"].due == D(2025, 8, 18) and before["announce"].citation == "001 IV.1.1"
    # 001 III.1: thu thập, tổng hợp "trước ít nhất 07 ngày" (read as working days, the safe reading) → 18/8
    assert before["collect"].due == D(2025, 8, 18) and before["collect"].citation == "001 III.1"
    # 001 III.1: the answers ready by the same "ít nhất 07 ngày" → 18/8
    assert before["classify"].due == D(2025, 8, 18)
    # 001 II.6: thông báo kết luận 10 ngày làm việc after: 29/8, 3,4,5,8,9,10,11,12,15/9 (1-2/9 off) → 15/9
    assert before["conclude"].due == D(2025, 9, 15) and before["conclude"].citation == "001 II.6"
    # 001 II.6: extended to at most 15 ngày làm việc: + 16,17,18,19,22/9 → 22/9
    assert before["conclude"].due_extended == D(2025, 9, 22)
    # 001 II.6: 15 ngày làm việc after the notice, until it is issued after its due date 15/9 → 6/10
    assert before["answer"].due == D(2025, 10, 6)
    assert before["plan"].due is None and before["archive"].due is None  # 001 sets no date for these steps

    after = w.steps
    # 001 II.6: notice issued Wed 10/9 → 11,12, 15-19, 22-26, 29,30/9, 1/10 → 1/10/2025
    assert after["answer"].due == D(2025, 10, 1) and after["answer"].citation == "001 II.6"
    assert w.assigned_due == D(2025, 10, 1) and w.case.due == D(2025, 10, 1)
    assert all(step.status == StepStatus.DONE for step in after.values())

    beside = sides(w.dialogue)
    # 001 IV.1.4: MTTQ gửi ý kiến "trước 10 ngày" (read as working days): + 18,15,14 between → 13/8
    assert ("001 IV.1.4", D(2025, 8, 13)) in beside["collect"]
    # 003 Điều 8.1 (same duty, parent): 7 ngày làm việc before → 18/8
    assert ("003 Điều 8.1", D(2025, 8, 18)) in beside["announce"]
    # Luật 72/2025/QH15 Điều 43 (binds communes from 1/7/2025): 07 ngày before 28/8 → 20/8 (21-27/8 between)
    assert ("Luật 72/2025/QH15 Điều 43", D(2025, 8, 20)) in beside["announce"]
    # 003 Điều 10.1: the same 10 working days → 15/9
    assert ("003 Điều 10.1", D(2025, 9, 15)) in beside["conclude"]
    # Luật 72 Điều 43: kết quả công khai 10 ngày after → Sun 7/9, carried to Mon 8/9
    assert ("Luật 72/2025/QH15 Điều 43", D(2025, 9, 8)) in beside["conclude"]
    # 003 Điều 10.2 (a different duty): 7 ngày làm việc after 10/9: 11,12,15,16,17,18,19 → 19/9
    assert ("003 Điều 10.2", D(2025, 9, 19)) in beside["answer"]

    # 001 IV.1.2: the socio-economic report presented at the conference, due on the conference day
    duty = w.dialogue.duties.get(code="socio_economic_report")
    assert duty.due == D(2025, 8, 28) and duty.citation == "001 IV.1.2"
    # 001 IV.1.3: a yearly report upward (the plan gives no day)
    assert list(w.dialogue.profile.reporting.values_list("period", "due_month", "citation")) == [("year", None, "001 IV.1.3")]
    assert w.case.status == CaseStatus.CLOSED and w.petition.told_on == D(2025, 9, 18)
    assert w.dialogue.status == "archived"
    acts = actions(w.dialogue)
    # the conference closes the collection (002 IV.1); the assignment and the approved answer do their steps
    assert acts[:5] == ["create", "announce", "hold", "step_done:collect", "conclude"] and acts[-1] == "archive"
    assert done_by_the_work(w.dialogue) == ["collect", "classify", "answer"]
