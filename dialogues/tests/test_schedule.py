"""Every profile's schedule across holidays, ad hoc waivers and the answer's anchor (domain.md §3, §5)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from dialogues.schedule import plan_schedule
from regulations.models import RegulationProfile

pytestmark = pytest.mark.django_db
D = datetime.date
AFTER_TET = D(2026, 3, 2)  # Monday after Tết Bính Ngọ; the count back crosses 16-20/02/2026


def schedule(code, kind="periodic", day=AFTER_TET, notice=None):
    return {step.code: step for step in plan_schedule(RegulationProfile.objects.get(code=code), kind, day, notice)}


def test_every_profile_has_the_eight_steps_in_order(reference):
    for profile in RegulationProfile.objects.all():
        steps = plan_schedule(profile, "periodic", AFTER_TET)
        assert [s.code for s in steps] == ["plan", "announce", "collect", "classify", "hold", "conclude", "answer", "archive"]
        assert steps[4].due == AFTER_TET


def test_hai_phong_003_across_tet(reference):
    """003 Điều 8.1: 7 working days before 02/03/2026 skips Tết → 11/02; Điều 10.1-10.2: 16/03, then 25/03."""
    steps = schedule("hai-phong-1155-2023")
    assert steps["announce"].due == D(2026, 2, 11)
    assert D(2026, 2, 17) in [day.date for day in steps["announce"].skipped]
    assert (steps["conclude"].due, steps["conclude"].due_extended) == (D(2026, 3, 16), D(2026, 3, 23))
    assert steps["answer"].due == D(2026, 3, 25)
    assert steps["plan"].due is None and steps["archive"].due is None


def test_dien_bien_004_no_notice_answers_in_7(reference):
    steps = schedule("dien-bien")
    assert steps["announce"].due is None
    assert steps["answer"].due == D(2026, 3, 25)


def test_hong_an_000_plan_and_archive_after_the_answers(reference):
    """000 Bước 1: plan 7 working days before; Bước 5: 15 after the notice; Bước 7: 10 after the answers."""
    steps = schedule("hong-an-qt-vp12")
    assert steps["plan"].due == D(2026, 2, 11)
    assert steps["answer"].due == D(2026, 4, 6)
    assert steps["archive"].due == D(2026, 4, 20)


def test_gia_vien_001_front_deadline_shown_inside_collect(reference):
    steps = schedule("gia-vien-2025")
    assert steps["collect"].due == D(2026, 2, 11)
    front = [side for side in steps["collect"].side if side.code == "front_collect"]
    assert front and front[0].due == D(2026, 2, 6)  # 10 working days before, across Tết
    assert steps["answer"].due == D(2026, 4, 6)


def test_tan_ky_002_five_days_notice_and_three_days_classification(reference):
    """002 IV.1's 5 working days are shown beside 003 Điều 8.1's 7, which is earlier and binds (issue 12)."""
    steps = schedule("tan-ky-2025")
    assert (steps["announce"].due, steps["announce"].citation) == (D(2026, 2, 11), "003 Điều 8.1")
    own = [side for side in steps["announce"].side if side.citation == "002 IV.1"]
    assert own and own[0].due == D(2026, 2, 13)
    assert steps["classify"].due == D(2026, 2, 24)
    assert steps["collect"].due == D(2026, 2, 11)
    chase = [side for side in steps["answer"].side if side.code == "answer_chase"]
    assert chase and chase[0].due == D(2026, 3, 13)  # 002 V.3: 9 working days after the conference


def test_answer_counts_from_the_issued_notice(reference):
    """The answer deadline counts from the day the notice is issued; until then, from its due date."""
    issued = schedule("hai-phong-1155-2023", notice=D(2026, 3, 6))
    assert issued["answer"].due == D(2026, 3, 17)


@pytest.mark.parametrize("code", ["hai-phong-1155-2023", "hong-an-qt-vp12", "gia-vien-2025", "tan-ky-2025", "dien-bien"])
def test_ad_hoc_waives_the_notice_with_a_reason(reference, code):
    """003 Điều 8.3: an ad hoc dialogue skips the notice period; the waived step has no due date and says why."""
    steps = schedule(code, kind="ad_hoc")
    assert steps["announce"].due is None
    assert steps["announce"].waived_reason
    assert steps["hold"].due == AFTER_TET
    assert steps["conclude"].due == D(2026, 3, 16)


def test_ad_hoc_waiver_cites_the_profile_clause(reference):
    steps = schedule("hai-phong-1155-2023", kind="ad_hoc")
    assert "003 Điều 8" in steps["announce"].waived_reason


def test_gio_to_and_30_4_in_the_conclusion_count(reference):
    """A conference on Thursday 23/04/2026: 10 working days skip 26-27/04 (Giỗ Tổ), 30/04, 01/05 → 12/05."""
    steps = schedule("tan-ky-2025", day=D(2026, 4, 23))
    assert steps["conclude"].due == D(2026, 5, 12)
    reasons = " ".join(day.reason for day in steps["conclude"].skipped)
    assert "Giỗ Tổ" in reasons and "Chiến thắng" in reasons


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("schedule", *args, stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()


def test_schedule_command_json(reference):
    code, out, _ = run("--profile", "hai-phong-1155-2023", "--kind", "periodic", "--date", "2026-03-02", "--json")
    assert code == 0
    steps = {step["code"]: step for step in json.loads(out)["steps"]}
    assert list(steps) == ["plan", "announce", "collect", "classify", "hold", "conclude", "answer", "archive"]
    assert steps["announce"] == {
        "code": "announce",
        "due": "2026-02-11",
        "rule": steps["announce"]["rule"],
        "citation": "003 Điều 8.1",
    }
    assert steps["conclude"]["due_extended"] == "2026-03-23"
    assert "due_extended" not in steps["answer"]
    assert steps["plan"]["due"] is None


def test_schedule_command_ad_hoc_and_notice_date(reference):
    _, out, _ = run(
        "--profile", "tan-ky-2025", "--kind", "ad_hoc", "--date", "2026-03-02", "--notice-date", "2026-03-06", "--json"
    )
    steps = {step["code"]: step for step in json.loads(out)["steps"]}
    assert steps["announce"]["due"] is None
    assert steps["answer"]["due"] == "2026-03-27"


def test_schedule_command_writes_nothing(reference):
    from dialogues.models import Dialogue, ScheduleStep

    run("--profile", "dien-bien", "--kind", "thematic", "--date", "2026-03-02", "--json")
    assert Dialogue.objects.count() == 0 and ScheduleStep.objects.count() == 0


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("--profile", "khong-co", "--kind", "periodic", "--date", "2026-03-02"), "không có bộ quy định"),
        (("--profile", "dien-bien", "--kind", "weekly", "--date", "2026-03-02"), "loại đối thoại"),
        (("--profile", "dien-bien", "--kind", "periodic", "--date", "02/03/2026"), "không hợp lệ"),
        (("--profile", "dien-bien", "--kind", "periodic", "--date", "2026-03-02", "--notice-date", "2026-02-01"), "trước ngày"),
    ],
)
def test_schedule_command_bad_input_exits_2(reference, args, fragment):
    code, out, err = run(*args)
    assert code == 2
    assert fragment in err
