"""Seed 004 (Quy định của Ban Thường vụ Tỉnh ủy Điện Biên) walked end to end for a ward of Điện Biên.

Phường Mường Thanh, one periodic dialogue of the Bí thư Đảng ủy, conference Mon 16/11/2026. 004 sets no
notice period, so Luật 72/2025/QH15 Điều 43 (its parent) gives it. Days not worked: weekends and Tue
24/11/2026 "Ngày Văn hóa Việt Nam", applied by the `holidays` package with no known legal basis
(workdays/data/overrides.yaml marks it "chưa rõ căn cứ"): if an administrator removes it, the
conclusion deadline below moves one working day earlier.
"""

import datetime

import pytest

from dialogues import lifecycle
from dialogues.enums import StepStatus
from dialogues.models import Dialogue
from documents.dossier import checklist
from petitions.enums import CaseStatus

from .seed_walk import actions, done_by_the_work, load_profiles, place, sides, walk

pytestmark = pytest.mark.django_db
D = datetime.date


def test_dien_bien_ward_dialogue_walks_004_articles_7_to_16(monkeypatch):
    """004 Điều 6.2, 7.6, 11.1, 11.2, 16.1, 16.2; Luật 72/2025/QH15 Điều 43 (parent)."""
    load_profiles()
    where = place("dien-bien", "11-MUONGTHANH", "Phường Mường Thanh", province=("11", "Tỉnh Điện Biên"))
    # 004 Điều 7.6: at commune level the head names the part that prepares the dialogue; none is chosen by rule
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.create_dialogue(
            where.staff, hosts=[lifecycle.HostChoice(where.secretary)], unit=where.unit, kind="periodic",
            date=D(2027, 3, 10), title="Đối thoại chưa chọn cơ quan tham mưu",
        )  # fmt: skip
    assert not Dialogue.objects.exists()
    w = walk(
        monkeypatch,
        where,
        planned=D(2026, 10, 26),
        received=D(2026, 10, 28),
        announced=D(2026, 11, 3),
        held=D(2026, 11, 16),
        concluded=D(2026, 11, 25),
        answered=D(2026, 11, 26),
        archived=D(2026, 11, 26),
        advising_office=where.party_office,
    )
    assert w.dialogue.profile.code == "dien-bien" and w.dialogue.advising_office == where.party_office
    before = w.planned_steps
    # Luật 72/2025/QH15 Điều 43 (004 states none): 07 ngày before 16/11 → Sun 8/11, so by Fri 6/11
    assert before["announce"].due == D(2026, 11, 6) and before["announce"].citation == "Luật 72/2025/QH15 Điều 43"
    # 004 Điều 11.1: 10 ngày làm việc after: 17,18,19,20,23, 25 (24/11 off), 26,27,30/11, 1/12 → 1/12
    assert before["conclude"].due == D(2026, 12, 1) and before["conclude"].citation == "004 Điều 11.1"
    # 004 Điều 11.1: không quá 15 ngày làm việc: + 2,3,4,7,8/12 → 8/12
    assert before["conclude"].due_extended == D(2026, 12, 8)
    # 004 Điều 11.2: 7 ngày làm việc after the notice, until issued after its due 1/12 → 10/12
    assert before["answer"].due == D(2026, 12, 10)
    assert before["collect"].due is None and before["archive"].due is None  # 004 sets no date for these

    after = w.steps
    # 004 Điều 11.2: notice of Wed 25/11 → 26,27,30/11, 1,2,3,4/12 → 4/12
    assert after["answer"].due == D(2026, 12, 4) and after["answer"].citation == "004 Điều 11.2"
    assert w.assigned_due == D(2026, 12, 4) and w.case.due == D(2026, 12, 4)
    assert all(step.status == StepStatus.DONE for step in after.values())
    # Luật 72 Điều 43: kết quả công khai 10 ngày after 16/11 → 26/11
    assert ("Luật 72/2025/QH15 Điều 43", D(2026, 11, 26)) in sides(w.dialogue)["conclude"]

    profile = w.dialogue.profile
    # 004 Điều 6.2a: at least one periodic dialogue a year per head
    assert ("periodic", 1, "head", "004 Điều 6.2.a") in set(
        profile.frequencies.values_list("kind", "min_per_year", "per", "citation")
    )
    # 004 Điều 16.1: half-yearly before 30/6, yearly before 15/12 (read as 29/6, 14/12); 16.1.d before 20/12
    reports = set(profile.reporting.values_list("period", "due_month", "due_day", "citation"))
    assert reports == {
        ("half_year", 6, 29, "004 Điều 16.1.a"),
        ("year", 12, 14, "004 Điều 16.1.a"),
        ("half_year", 6, 29, "004 Điều 16.1.b"),
        ("year", 12, 14, "004 Điều 16.1.b"),
        ("year", 12, 14, "004 Điều 16.1.c"),
        ("year", 12, 19, "004 Điều 16.1.d"),
    }
    # 004 Điều 16.2: eight documents plus the letters to the upper level (if any), all accounted for
    items = checklist(w.dialogue)
    assert [item.rule.code for item in items] == [
        "plan", "assignment", "opinion_forms", "opinion_summary", "answer_report", "invitation", "minutes",
        "conclusion", "upper_petitions",
    ]  # fmt: skip
    assert all(item.complete for item in items)
    assert w.case.status == CaseStatus.CLOSED and w.petition.told_on == D(2026, 11, 26)
    assert w.dialogue.status == "archived"
    acts = actions(w.dialogue)
    # the conference closes the collection (002 IV.1); the assignment and the approved answer do their steps
    assert acts[:5] == ["create", "announce", "hold", "step_done:collect", "conclude"] and acts[-1] == "archive"
    assert done_by_the_work(w.dialogue) == ["collect", "classify", "answer"]
