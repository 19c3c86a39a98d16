"""Seed 003 (Quyết định 1155-QĐ/TU, Hải Phòng, 20/10/2023) walked end to end for a ward bound to it directly.

Phường An Lư, one periodic dialogue of the Bí thư Đảng ủy, conference Thu 23/4/2026. Days not worked
(workdays data): Sun 26/4 Giỗ Tổ Hùng Vương and Mon 27/4 in lieu, 30/4 and 1/5, weekends.
"""

import datetime

import pytest

from dialogues.enums import StepStatus
from documents.dossier import checklist
from petitions.enums import CaseStatus

from .seed_walk import actions, done_by_the_work, load_profiles, place, sides, walk

pytestmark = pytest.mark.django_db
D = datetime.date


def test_ward_dialogue_walks_003_articles_7_to_15(monkeypatch):
    """003 Điều 5.2, 7.5, 8.1, 10.1, 10.2, 15.1, 15.2; Luật 72/2025/QH15 Điều 43 (parent)."""
    load_profiles()
    where = place("hai-phong-1155-2023", "31-ANLU", "Phường An Lư")
    # 003 Điều 7.5: at commune level the head names the part that prepares the dialogue (no office by rule)
    w = walk(
        monkeypatch,
        where,
        planned=D(2026, 3, 30),
        received=D(2026, 4, 6),
        announced=D(2026, 4, 10),
        held=D(2026, 4, 23),
        concluded=D(2026, 5, 8),
        answered=D(2026, 5, 15),
        archived=D(2026, 5, 22),
        advising_office=where.party_office,
    )
    assert w.dialogue.profile.code == "hai-phong-1155-2023" and w.dialogue.advising_office == where.party_office
    before = w.planned_steps
    # 003 Điều 8.1: thông báo 07 ngày làm việc before 23/4: 22,21,20,17,16,15,14 between → 13/4 (done 10/4)
    assert before["announce"].due == D(2026, 4, 13) and before["announce"].citation == "003 Điều 8.1"
    # 003 Điều 10.1: 10 ngày làm việc after: 24, 28, 29/4 (27/4, 30/4, 1/5 off), 4-8, 11, 12/5 → 12/5
    assert before["conclude"].due == D(2026, 5, 12) and before["conclude"].citation == "003 Điều 10.1"
    # 003 Điều 10.1: không quá 15 ngày làm việc: + 13,14,15,18,19/5 → 19/5
    assert before["conclude"].due_extended == D(2026, 5, 19)
    # 003 Điều 10.2: 7 ngày làm việc after the notice, until issued after its due 12/5 → 21/5
    assert before["answer"].due == D(2026, 5, 21)
    assert before["collect"].due is None and before["archive"].due is None  # 003 sets no date for these

    after = w.steps
    # 003 Điều 10.2: notice of Fri 8/5 → 11,12,13,14,15,18,19/5 → 19/5
    assert after["answer"].due == D(2026, 5, 19) and after["answer"].citation == "003 Điều 10.2"
    assert w.assigned_due == D(2026, 5, 19) and w.case.due == D(2026, 5, 19)
    assert all(step.status == StepStatus.DONE for step in after.values())

    beside = sides(w.dialogue)
    # Luật 72/2025/QH15 Điều 43: 07 ngày before 23/4 → 15/4 (16-22/4 between); 003's 13/4 is earlier and binds
    assert ("Luật 72/2025/QH15 Điều 43", D(2026, 4, 15)) in beside["announce"]
    # Luật 72 Điều 43: kết quả công khai 10 ngày after 23/4 → Sun 3/5, carried to Mon 4/5
    assert ("Luật 72/2025/QH15 Điều 43", D(2026, 5, 4)) in beside["conclude"]

    profile = w.dialogue.profile
    # 003 Điều 5.2a: at least one periodic dialogue a year per head; 5.2b: thematic and ad hoc as needed
    frequencies = set(profile.frequencies.values_list("kind", "min_per_year", "per", "citation"))
    assert ("periodic", 1, "head", "003 Điều 5.2a") in frequencies
    # 003 Điều 15.1: half-yearly before 30/6 and yearly before 15/12 (read as 29/6, 14/12); 15.1c yearly by 19/12
    reports = set(profile.reporting.values_list("period", "due_month", "due_day", "citation"))
    assert reports == {
        ("half_year", 6, 29, "003 Điều 15.1a"),
        ("year", 12, 14, "003 Điều 15.1a"),
        ("half_year", 6, 29, "003 Điều 15.1b"),
        ("year", 12, 14, "003 Điều 15.1b"),
        ("year", 12, 19, "003 Điều 15.1c"),
    }
    # 003 Điều 15.2: the dossier of the dialogue, every item accounted for
    items = checklist(w.dialogue)
    assert {"plan", "invitation", "minutes", "conclusion"} <= {item.rule.code for item in items}
    assert all(item.complete for item in items)
    assert w.case.status == CaseStatus.CLOSED and w.petition.told_on == D(2026, 5, 15)
    assert w.dialogue.status == "archived"
    acts = actions(w.dialogue)
    # the conference closes the collection (002 IV.1); the assignment and the approved answer do their steps
    assert acts[:5] == ["create", "announce", "hold", "step_done:collect", "conclude"] and acts[-1] == "archive"
    assert done_by_the_work(w.dialogue) == ["collect", "classify", "answer"]
