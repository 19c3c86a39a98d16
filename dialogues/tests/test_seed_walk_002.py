"""Seed 002 (Kế hoạch 2025, xã Tân Kỳ, Mẫu 1-9) walked end to end within 003 (1155-QĐ/TU) and Luật 72.

One periodic dialogue "dự kiến trong Quý IV/2025" (002 II.3): conference Thu 11/12/2025. The answer
period crosses the new year: Thu 1/1/2026 Tết Dương lịch, Fri 2/1/2026 off and Sat 10/1/2026 worked
(Công văn 12729/VPCP-KGVX, workdays/data/overrides.yaml).
"""

import datetime

import pytest

from dialogues.enums import StepStatus
from documents.dossier import checklist
from petitions.enums import CaseStatus

from .seed_walk import actions, done_by_the_work, load_profiles, place, sides, walk

pytestmark = pytest.mark.django_db
D = datetime.date


def test_tan_ky_dialogue_walks_002_plan_with_003_beside(monkeypatch):
    """002 IV.1, IV.3.1(1), IV.3.2, IV.4.2, V.2, V.3; 003 Điều 8.1, 10.1, 10.2; Luật 72/2025/QH15 Điều 43."""
    load_profiles()
    where = place("tan-ky-2025", "31-TANKY", "Xã Tân Kỳ")
    w = walk(
        monkeypatch,
        where,
        planned=D(2025, 11, 17),
        received=D(2025, 11, 24),
        announced=D(2025, 12, 1),
        held=D(2025, 12, 11),
        concluded=D(2025, 12, 19),
        answered=D(2025, 12, 29),
        archived=D(2026, 1, 9),
    )
    assert w.dialogue.profile.code == "tan-ky-2025"
    before = w.planned_steps
    # 002 IV.1 says 05 ngày làm việc, 003 Điều 8.1 (parent, same duty) 07: the earlier binds.
    # 7 working days between: 10,9,8,5,4,3,2/12 → 1/12 (done that day)
    assert before["announce"].due == D(2025, 12, 1) and before["announce"].citation == "003 Điều 8.1"
    assert before["announce"].done_on == D(2025, 12, 1)
    # 002 IV.1: ý kiến thu thập 07 ngày làm việc before → 1/12
    assert before["collect"].due == D(2025, 12, 1) and before["collect"].citation == "002 IV.1"
    # 002 IV.1: tổng hợp, phân loại 03 ngày làm việc before: 10,9,8 → 5/12
    assert before["classify"].due == D(2025, 12, 5) and before["classify"].citation == "002 IV.1"
    # 002 IV.3.1(1): thông báo kết luận 10 ngày làm việc after: 12,15-19,22-25/12 → 25/12
    assert before["conclude"].due == D(2025, 12, 25) and before["conclude"].citation == "002 IV.3.1(1)"
    # 002 IV.3.1(1): at most 15 ngày làm việc: + 26,29,30,31/12 (1/1, 2/1 off), 5/1 → 5/1/2026
    assert before["conclude"].due_extended == D(2026, 1, 5)
    assert before["plan"].due is None and before["archive"].due is None  # 002 sets no date for these steps

    after = w.steps
    # 002 IV.3.2: 15 ngày làm việc after the notice of Fri 19/12: 22-26, 29-31/12, 5-9/1, Sat 10/1 (worked), 12/1
    assert after["answer"].due == D(2026, 1, 12) and after["answer"].citation == "002 IV.3.2"
    assert w.assigned_due == D(2026, 1, 12) and w.case.due == D(2026, 1, 12)
    assert all(step.status == StepStatus.DONE for step in after.values())

    beside = sides(w.dialogue)
    # 002 IV.1's own 05 ngày làm việc: 10,9,8,5,4 → 3/12, shown beside the binding date
    assert ("002 IV.1", D(2025, 12, 3)) in beside["announce"]
    # Luật 72/2025/QH15 Điều 43: 07 ngày before 11/12 → 3/12 (4-10/12 between)
    assert ("Luật 72/2025/QH15 Điều 43", D(2025, 12, 3)) in beside["announce"]
    # 003 Điều 10.1: the same 10 working days → 25/12
    assert ("003 Điều 10.1", D(2025, 12, 25)) in beside["conclude"]
    # Luật 72 Điều 43: kết quả công khai 10 ngày after → Sun 21/12, carried to Mon 22/12
    assert ("Luật 72/2025/QH15 Điều 43", D(2025, 12, 22)) in beside["conclude"]
    # 002 V.3: the advising office chases the answers 09 ngày làm việc after the conference → 24/12
    assert ("002 V.3", D(2025, 12, 24)) in beside["answer"]
    # 003 Điều 10.2 (a different duty): 7 ngày làm việc after 19/12: 22,23,24,25,26,29,30 → 30/12
    assert ("003 Điều 10.2", D(2025, 12, 30)) in beside["answer"]

    # 002 V.2: quarterly and yearly reports (Mẫu 1, 2), the yearly one by 15/11/2025 (read as the 14th)
    reports = set(w.dialogue.profile.reporting.values_list("period", "form", "due_month", "due_day", "citation"))
    assert reports == {
        ("quarter", "mau_1", None, 14, "002 V.2"),
        ("year", "mau_1", 11, 14, "002 V.2"),
        ("year", "mau_2", 11, 14, "002 V.2"),
    }
    # 002 IV.4.2 (1)-(3): the dossier of the periodic dialogue, every item accounted for
    items = checklist(w.dialogue)
    assert {"plan", "notice_invitation", "minutes", "conclusion_notice", "result_reports"} <= {i.rule.code for i in items}
    assert all(item.complete for item in items)
    assert w.case.status == CaseStatus.CLOSED and w.petition.told_on == D(2025, 12, 29)
    assert w.dialogue.status == "archived"
    acts = actions(w.dialogue)
    # the conference closes the collection (002 IV.1); the assignment and the approved answer do their steps
    assert acts[:5] == ["create", "announce", "hold", "step_done:collect", "conclude"] and acts[-1] == "archive"
    assert done_by_the_work(w.dialogue) == ["collect", "classify", "answer"]
