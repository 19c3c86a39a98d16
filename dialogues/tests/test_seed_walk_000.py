"""Seed 000 (QT-VP.12, phường Hồng An, 06/4/2026) walked end to end within 003 (1155-QĐ/TU) and Luật 72.

One periodic dialogue of the Bí thư Đảng ủy, conference Thu 27/8/2026. Days not worked in the periods
(workdays data): Sun 23/8; Mon 31/8/2026 (swap day applied by the `holidays` package, basis not yet
confirmed: overrides.yaml) with Sat 22/8/2026 worked in its place; 1-2/9 Quốc khánh; weekends.
"""

import datetime

import pytest

from dialogues.enums import StepStatus
from documents.dossier import checklist
from petitions.enums import CaseStatus

from .seed_walk import actions, done_by_the_work, load_profiles, place, sides, walk

pytestmark = pytest.mark.django_db
D = datetime.date


def test_hong_an_dialogue_walks_000_steps_1_to_7_with_003_beside(monkeypatch):
    """000 Bước 1, 4, 5, 7 and mục 7; 003 Điều 8.1, 10.1, 10.2 (parent); Luật 72/2025/QH15 Điều 43 (grandparent)."""
    load_profiles()
    where = place("hong-an-qt-vp12", "31-HONGAN", "Phường Hồng An")
    w = walk(
        monkeypatch,
        where,
        planned=D(2026, 8, 3),
        received=D(2026, 8, 10),
        announced=D(2026, 8, 14),
        held=D(2026, 8, 27),
        concluded=D(2026, 9, 11),
        answered=D(2026, 9, 21),
        archived=D(2026, 10, 5),
    )
    assert w.dialogue.profile.code == "hong-an-qt-vp12"
    assert w.dialogue.advising_office == where.party_office  # 000 mục 2; Bước 1: VPĐU tham mưu cho Bí thư
    before = w.planned_steps
    # 000 Bước 1: kế hoạch chậm nhất 07 ngày (read as working days) before: 26,25,24, Sat 22 (worked), 21,20,19 → 18/8
    assert before["plan"].due == D(2026, 8, 18) and before["plan"].citation == "000 Bước 1"
    # 000 Bước 1: giấy mời, thông báo ít nhất 07 ngày làm việc trước hội nghị → the same 18/8 (done 14/8, on time)
    assert before["announce"].due == D(2026, 8, 18) and before["announce"].done_on == D(2026, 8, 14)
    # 000 Bước 4 (1): 10 ngày làm việc sau hội nghị: 28/8, 3,4,7,8,9,10,11,14,15/9 (31/8, 1-2/9 off) → 15/9
    assert before["conclude"].due == D(2026, 9, 15) and before["conclude"].citation == "000 Bước 4 (1)"
    # 000 Bước 4 (1): kéo dài không quá 15 ngày làm việc sau hội nghị: + 16,17,18,21,22/9 → 22/9
    assert before["conclude"].due_extended == D(2026, 9, 22)
    # 000 Bước 5: 15 ngày làm việc after the notice; until it is issued, after its due date 15/9 → 6/10
    assert before["answer"].due == D(2026, 10, 6)
    # 000 Bước 7: 10 ngày làm việc after the answer period (6/10) → 20/10
    assert before["archive"].due == D(2026, 10, 20)
    assert before["collect"].due is None and before["classify"].due is None  # 000 sets no date for these steps

    after = w.steps
    # 000 Bước 5: notice issued Fri 11/9 → 14-18, 21-25, 28/9-2/10 → 2/10/2026
    assert after["answer"].due == D(2026, 10, 2) and after["answer"].citation == "000 5.1 dòng 5; Bước 5"
    assert w.assigned_due == D(2026, 10, 2) and w.case.due == D(2026, 10, 2)  # the matter carries the same date
    # 000 Bước 7: 10 ngày làm việc after 2/10: 5-9, 12-16/10 → 16/10 (archived 5/10)
    assert after["archive"].due == D(2026, 10, 16) and after["archive"].done_on == D(2026, 10, 5)
    assert after["conclude"].done_on == D(2026, 9, 11)
    assert all(step.status == StepStatus.DONE for step in after.values())

    beside = sides(w.dialogue)
    # 003 Điều 8.1 (same duty, parent): 7 ngày làm việc before → 18/8; the earlier date binds
    assert ("003 Điều 8.1", D(2026, 8, 18)) in beside["announce"]
    # Luật 72/2025/QH15 Điều 43: 07 ngày (calendar) before 27/8 → 19/8 (20-26/8 lie between)
    assert ("Luật 72/2025/QH15 Điều 43", D(2026, 8, 19)) in beside["announce"]
    # 003 Điều 10.1: the same 10 working days → 15/9
    assert ("003 Điều 10.1", D(2026, 9, 15)) in beside["conclude"]
    # Luật 72 Điều 43: kết quả công khai 10 ngày after → Sun 6/9, carried to Mon 7/9
    assert ("Luật 72/2025/QH15 Điều 43", D(2026, 9, 7)) in beside["conclude"]
    # 003 Điều 10.2 (a different duty, scheduled beside): báo cáo, thông báo trong 7 ngày làm việc after 11/9 → 22/9
    assert ("003 Điều 10.2", D(2026, 9, 22)) in beside["answer"]

    # 000 mục 7: the dossier lists 14 documents, all accounted for before the archive
    items = checklist(w.dialogue)
    assert len(items) == 14 and all(item.complete for item in items)
    assert w.case.status == CaseStatus.CLOSED and w.petition.told_on == D(2026, 9, 21)
    assert w.dialogue.status == "archived"
    acts = actions(w.dialogue)
    # the conference closes the collection (002 IV.1); the assignment and the approved answer do their steps
    assert acts[:5] == ["create", "announce", "hold", "step_done:collect", "conclude"] and acts[-1] == "archive"
    assert done_by_the_work(w.dialogue) == ["collect", "classify", "answer"]
