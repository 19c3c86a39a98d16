"""Each shipped profile's rules against its seed clause (../shared/seeds)."""

import datetime
import os
import re
import unicodedata
from pathlib import Path

import pytest

from regulations.loading import CHILD_RELATIONS, SHIPPED_CODES, load_shipped_profiles
from regulations.models import RegulationProfile

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED_FILES = {
    "000": "000_62ab9d55294a44a2.txt",
    "001": "001_2b0db3ce4cb5b104.txt",
    "002": "002_7aa6bcb17a826c7c.txt",
    "003": "003_f31d80d6ce4dd9f1.txt",
    "004": "004_73833ab2dd2379cf.txt",
}
pytestmark = pytest.mark.django_db


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"The seed documents are missing: {SEEDS}")
        pytest.skip("the seed documents (../shared/seeds) are not beside this checkout")
    return {number: normalise((SEEDS / name).read_text(encoding="utf-8")) for number, name in SEED_FILES.items()}


def rule_rows(profile):
    for relation in CHILD_RELATIONS:
        yield from getattr(profile, relation).all()


# A cut ("…") inside one clause skips a few sentences; a longer jump means the quote joins passages of
# different clauses, and then its citation must name each of them (issue 12: one passage per citation).
ONE_CLAUSE_SPAN = 1500


@pytest.mark.parametrize("code", SHIPPED_CODES)
def test_every_quote_is_the_seed_s_own_words(reference, seeds, code):
    """Each quote is a verbatim passage of its seed after normalising whitespace (and the copy's bold marks) only.

    "…" is the only cut; the pieces stand in order; pieces of different clauses need a citation naming each.
    """
    profile = RegulationProfile.objects.get(code=code)
    quoted = [row for row in rule_rows(profile) if not row.is_summary]  # a summary is no quotation (Luật 72)
    if not quoted:
        pytest.skip(f"{code}: every row is a summary, not checked against a text")
    seed = seeds[profile.seed]
    checked = 0
    for row in quoted:
        assert row.citation.startswith(profile.seed), f"{code}: citation '{row.citation}' does not name seed {profile.seed}"
        if not row.quote:
            continue
        assert "..." not in row.quote, f"{code} {row.citation}: a cut is written “…”, not three dots"
        position, previous_end = 0, None
        for piece in [normalise(part) for part in row.quote.split("…") if part.strip()]:
            found = seed.find(piece, position)
            assert found >= 0, f"{code} {row.citation}: «{piece}» is not in seed {profile.seed}"
            if previous_end is not None and found - previous_end > ONE_CLAUSE_SPAN:
                assert ";" in row.citation or ", Điều" in row.citation, (
                    f"{code} {row.citation}: «{piece[:40]}» is another clause; split the quote or cite both clauses"
                )
            position = previous_end = found + len(piece)
        checked += 1
    assert checked >= 5


def test_the_old_joined_archive_quote_would_be_refused(seeds):
    """The check is not vacuous: Hồng An's former archive quote joined 5.1 and Bước 7 under one citation."""
    seed = seeds["000"]
    first = seed.find(normalise("Chậm nhất 15 ngày làm việc sau khi nhận thông báo kết luận"))
    second = seed.find(normalise("Hoàn thiện hồ sơ, thông báo kết quả (Tối đa 10 ngày làm việc)"), first)
    assert first >= 0 and second - first > ONE_CLAUSE_SPAN


def deadlines(code):
    profile = RegulationProfile.objects.get(code=code)
    return {rule.code: rule for rule in profile.deadlines.all()}


def assert_rule(rule, days, direction, anchor, citation, unit="working"):
    assert (rule.days, rule.direction, rule.anchor, rule.unit) == (days, direction, anchor, unit)
    assert rule.citation.startswith(citation), rule.citation


def test_hai_phong_003_dieu_8_notice_7_working_days_waived_ad_hoc(reference):
    """003 Điều 8.1: at least 7 working days' notice; Điều 8.3: ad hoc dialogues may skip it."""
    rule = deadlines("hai-phong-1155-2023")["announce"]
    assert_rule(rule, 7, "before", "conference", "003 Điều 8")
    assert rule.waivable_ad_hoc


def test_hai_phong_003_dieu_10_conclusion_10_or_15_and_answer_7(reference):
    """003 Điều 10.1: conclusion notice in 10 working days, up to 15; Điều 10.2: answers in 7 from the notice."""
    rules = deadlines("hai-phong-1155-2023")
    assert_rule(rules["conclude"], 10, "after", "conference", "003 Điều 10.1")
    assert_rule(rules["conclude_extended"], 15, "after", "conference", "003 Điều 10.1")
    assert_rule(rules["answer"], 7, "after", "conclusion_notice", "003 Điều 10.2")


def test_hai_phong_003_dieu_5_one_periodic_dialogue_per_head(reference):
    profile = RegulationProfile.objects.get(code="hai-phong-1155-2023")
    periodic = profile.frequencies.get(kind="periodic")
    assert (periodic.min_per_year, periodic.per) == (1, "head")
    assert periodic.citation.startswith("003 Điều 5")


def test_hai_phong_003_dieu_7_commune_heads_name_the_advising_unit(reference):
    profile = RegulationProfile.objects.get(code="hai-phong-1155-2023")
    commune = profile.hosts.filter(level="commune")
    assert commune.exists()
    assert {rule.advising_office for rule in commune} == {"named_by_head"}
    city_secretary = profile.hosts.get(level="province", position="secretary")
    assert city_secretary.advising_office == "party_office"


def test_dien_bien_004_has_no_notice_period_and_answers_in_7(reference):
    """004 sets no notice period (domain.md §3.2); Điều 11.2: answers within 7 working days."""
    rules = deadlines("dien-bien")
    assert "announce" not in rules
    assert_rule(rules["answer"], 7, "after", "conclusion_notice", "004 Điều 11.2")
    assert_rule(rules["conclude"], 10, "after", "conference", "004 Điều 11.1")


def test_dien_bien_004_dieu_2_more_kinds_of_hosts(reference):
    positions = set(RegulationProfile.objects.get(code="dien-bien").hosts.values_list("position", flat=True))
    assert {"secretary", "council_chair", "committee_chair", "department_head", "front_chair"} <= positions


def test_hong_an_000_steps_and_fourteen_item_dossier(reference):
    """000 Bước 1 (7 days), Bước 4 (10/15), Bước 5 (15), Bước 7 (10 after the answers); 000 mục 7: 14 items."""
    rules = deadlines("hong-an-qt-vp12")
    assert_rule(rules["announce"], 7, "before", "conference", "000 Bước 1")
    assert_rule(rules["conclude"], 10, "after", "conference", "000 Bước 4")
    assert_rule(rules["answer"], 15, "after", "conclusion_notice", "000")
    assert_rule(rules["archive"], 10, "after", "answer", "000 Bước 7")
    dossier = list(RegulationProfile.objects.get(code="hong-an-qt-vp12").dossier.values_list("group", flat=True))
    assert len(dossier) == 14
    assert (dossier.count("before"), dossier.count("during"), dossier.count("after")) == (4, 4, 6)


def test_gia_vien_001_front_10_days_collection_7_answers_15(reference):
    """001 IV.1.4: MTTQ sends opinions 10 days before; 001 III.1: collected 7 days before; 001 II.6: answers in 15."""
    rules = deadlines("gia-vien-2025")
    assert_rule(rules["front_collect"], 10, "before", "conference", "001 IV.1.4")
    assert_rule(rules["collect"], 7, "before", "conference", "001 III.1")
    assert_rule(rules["answers_ready"], 7, "before", "conference", "001 III.1")
    assert_rule(rules["announce"], 7, "before", "conference", "001 IV.1.1")
    assert_rule(rules["answer"], 15, "after", "conclusion_notice", "001 II.6")


def test_tan_ky_002_notice_takes_iv1_and_records_the_v3_contradiction(reference):
    """002 IV.1 says 5 working days, 002 V.3 says 7 days: the profile takes IV.1 and shows a note."""
    profile = RegulationProfile.objects.get(code="tan-ky-2025")
    rules = deadlines("tan-ky-2025")
    assert_rule(rules["announce"], 5, "before", "conference", "002 IV.1")
    contradiction = [note for note in profile.notes.all() if "IV.1" in note.citation and "V.3" in note.citation]
    assert contradiction, "the 5-vs-7 contradiction must be a note shown to users"


def test_tan_ky_002_collect_7_classify_3_chase_9_answer_15(reference):
    rules = deadlines("tan-ky-2025")
    assert_rule(rules["collect"], 7, "before", "conference", "002 IV.1")
    assert_rule(rules["classify"], 3, "before", "conference", "002 IV.1")
    assert_rule(rules["answer_chase"], 9, "after", "conference", "002 V.3")
    assert_rule(rules["answer"], 15, "after", "conclusion_notice", "002 IV.3.2")


def test_tan_ky_002_fields_of_mau_4_and_mau_5(reference):
    fields = RegulationProfile.objects.get(code="tan-ky-2025").fields.all()
    mau4 = [field.name for field in fields if field.form == "Mẫu 4"]
    assert len(mau4) == 5
    assert "Kinh tế" in mau4
    assert any(field.form == "Mẫu 5" for field in fields)


def test_tan_ky_002_quarterly_report_in_the_quarter_s_last_month(reference):
    quarterly = RegulationProfile.objects.get(code="tan-ky-2025").reporting.get(period="quarter")
    assert quarterly.due_month is None and quarterly.due_day in (14, 15)
    assert quarterly.form == "mau_1"


def test_rule_computes_its_date_across_tet(reference):
    """Tân Kỳ's notice for Monday 02/03/2026: 23-27/02 are the 5 days between; Tết closes 16-20/02."""
    rule = deadlines("tan-ky-2025")["announce"]
    result = rule.compute(datetime.date(2026, 3, 2))
    assert result.date == datetime.date(2026, 2, 13)
    conclude = deadlines("hai-phong-1155-2023")["conclude"].compute(datetime.date(2026, 2, 12))
    assert conclude.date == datetime.date(2026, 3, 5)


def test_loading_twice_writes_nothing(reference):
    from regulations.loading import read_profile_file

    assert load_shipped_profiles() == []
    # one row per profile, and one more for a child whose parent loads after it (the link is set then)
    linked_late = [
        code
        for code in SHIPPED_CODES
        if read_profile_file(code).get("parent")
        and SHIPPED_CODES.index(read_profile_file(code)["parent"]) > SHIPPED_CODES.index(code)
    ]
    assert RegulationProfile.history.count() == len(SHIPPED_CODES) + len(linked_late)
