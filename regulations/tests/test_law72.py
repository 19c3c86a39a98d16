"""Issue 17: Luật Tổ chức chính quyền địa phương 2025 (Luật 72/2025/QH15) Điều 43 as the root profile.

We have no text of the law: its rows are summaries ("tóm tắt, chưa đối chiếu văn bản"), never quotations.
"""

import datetime

import pytest
from django.contrib.auth.models import User

from dialogues.schedule import plan_schedule
from regulations.layers import layered_deadlines, layered_frequency
from regulations.loading import CHILD_RELATIONS, SHIPPED_CODES, read_profile_file
from regulations.models import RegulationProfile

pytestmark = pytest.mark.django_db
D = datetime.date
LAW = "luat-72-2025"
CITATION = "Luật 72/2025/QH15 Điều 43"
MONDAY = D(2026, 11, 16)


def profile(code):
    return RegulationProfile.objects.get(code=code)


def steps(code, level, day=MONDAY, kind="periodic"):
    return {step.code: step for step in plan_schedule(profile(code), kind, day, level=level)}


def test_the_law_is_the_root_of_every_province_and_so_every_commune(reference):
    """Luật 72 Điều 43 sits above 003 and 004, and so above 000, 001 and 002."""
    law = profile(LAW)
    assert law.parent is None
    for code in SHIPPED_CODES:
        if code == LAW:
            continue
        top = profile(code)
        while top.parent is not None:
            top = top.parent
        assert top == law, code


def test_every_row_of_the_law_is_a_summary_with_no_quote(reference):
    """No text on file: each row says it is a summary and quotes nothing (the verbatim test skips it)."""
    law = profile(LAW)
    rows = [row for relation in CHILD_RELATIONS for row in getattr(law, relation).all()]
    assert len(rows) >= 4
    assert all(row.is_summary and not row.quote and row.citation.startswith(CITATION) for row in rows)
    seeds = [row for relation in CHILD_RELATIONS for row in getattr(profile("hai-phong-1155-2023"), relation).all()]
    assert not any(row.is_summary for row in seeds)  # a seed's row stays a quotation


def test_luat_72_dieu_43_binds_communes_only_from_1_7_2025(reference):
    law = profile(LAW)
    assert law.applies_to_level == "commune" and law.valid_from == D(2025, 7, 1)
    assert law.binds("commune", MONDAY)
    assert not law.binds("province", MONDAY)
    assert not law.binds("commune", D(2025, 6, 30))


def test_luat_72_dieu_43_notice_7_calendar_days_before(reference):
    rule = layered_deadlines(profile(LAW), "commune", MONDAY)["announce"].rule
    assert (rule.days, rule.unit, rule.direction, rule.anchor, rule.citation) == (7, "calendar", "before", "conference", CITATION)
    assert rule.compute(MONDAY).date == D(2026, 11, 6)  # Fri: Sat 7 and Sun 8 are closed, 7 whole days remain


def test_luat_72_dieu_43_results_announced_within_10_calendar_days(reference):
    """Results to the People (media, the commune HQ, every village head) no later than 10 days after."""
    conclude = steps("hai-phong-1155-2023", "commune")["conclude"]
    beside = [side for side in conclude.side if side.citation == CITATION]
    assert beside and beside[0].due == D(2026, 11, 26)  # 10 calendar days after 16/11
    assert conclude.citation == "003 Điều 10.1"  # the conclusion notice keeps its own rule


def test_luat_72_dieu_43_one_dialogue_a_year_per_commune(reference):
    rule = layered_frequency(profile("hong-an-qt-vp12"), "periodic", per="unit", level="commune", day=MONDAY)
    assert (rule.min_per_year, rule.per, rule.citation) == (1, "unit", CITATION)
    head = layered_frequency(profile("hong-an-qt-vp12"), "periodic", per="head", level="commune", day=MONDAY)
    assert head.citation == "003 Điều 5.2a"  # the per-head minimum of 003 stands beside, not replaced


def test_the_law_binds_no_city_or_province_dialogue(reference):
    """A province's own dialogue: 004 sets no notice period and the commune law adds none (004 Điều 11; Luật 72)."""
    assert steps("dien-bien", "province")["announce"].due is None
    assert all(side.citation != CITATION for side in steps("dien-bien", "province")["conclude"].side)
    assert layered_frequency(profile("dien-bien"), "periodic", per="unit", level="province", day=MONDAY) is None


def test_7_calendar_days_under_the_law_and_5_working_days_under_002_both_shown_earlier_binds(reference):
    """Luật 72 Điều 43 (7 days) vs 002 IV.1 (5 working days) vs 003 Điều 8.1 (7 working days): all three shown.

    Tân Kỳ's 2025 plan binds 2025 only, so the conference is in December 2025."""
    conference = D(2025, 12, 15)  # Monday
    announce = steps("tan-ky-2025", "commune", conference)["announce"]
    citations = {side.citation: side.due for side in announce.side}
    assert announce.citation == "003 Điều 8.1" and announce.due == D(2025, 12, 3)
    assert citations["002 IV.1"] == D(2025, 12, 5)
    assert citations[CITATION] == D(2025, 12, 5)  # Mon 15 − 8 days = Sun 7 → Fri 5
    assert announce.due == min([announce.due, *citations.values()])


def test_for_dien_bien_communes_the_law_s_notice_is_inherited(reference):
    """004 sets no notice period; for a commune of Điện Biên the law's 7 days apply (inherited, with its citation)."""
    announce = steps("dien-bien", "commune")["announce"]
    assert (announce.due, announce.citation) == (D(2026, 11, 6), CITATION)
    assert announce.layer_note


def test_profile_page_marks_the_law_s_rows_as_summaries(client, reference):
    user = User.objects.create_user("docgia", password="x")
    client.force_login(user)
    page = client.get(f"/quy-dinh/{LAW}/").content.decode()
    assert "tóm tắt, chưa đối chiếu văn bản" in page
    child = client.get("/quy-dinh/hai-phong-1155-2023/").content.decode()
    assert CITATION in child and "tóm tắt, chưa đối chiếu văn bản" in child


def test_the_file_says_summary_and_not_modelled(reference):
    data = read_profile_file(LAW)
    assert data["summary"] is True and data["not_modelled"]
