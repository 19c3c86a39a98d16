"""Mẫu 1's numbers against data built for the test: each kind, each column, totals, period boundaries, cancellations,
a unit moved in the tree, the roll-up, the XLSX, the command and the frozen submission."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from organizations.tests.factories import OrganizationFactory, UnitFactory
from reports import mau1
from reports.periods import BadPeriod, parse_period
from reports.rollup import by_child
from reports.xlsx import mau1_xlsx

from .helpers import attend, dialogue, petitions, tree

D = datetime.date


@pytest.fixture
def city(reference):
    """Q1 2026: a periodic dialogue in An Bình on the quarter's last day, a thematic one there, an ad hoc one in Bình Minh;
    Bình Minh also has a cancelled dialogue in Q1 and a periodic one on the first day of Q2."""
    city, an_binh, binh_minh = tree()
    agency = OrganizationFactory(unit=an_binh, name="Phòng Kinh tế")
    periodic = dialogue(an_binh, D(2026, 3, 31), "periodic", host="Trần Văn An")
    attend(periodic, present=12, absent=3)
    petitions(periodic, 3, status="closed", agency=agency, approved_on=D(2026, 3, 31))  # answered at the conference
    petitions(periodic, 2, status="assigned", agency=agency)
    petitions(periodic, 1)
    thematic = dialogue(an_binh, D(2026, 2, 10), "thematic", host="Lê Thị Bình", topic="youth")
    attend(thematic, present=5)
    petitions(thematic, 4, status="closed", agency=agency, approved_on=D(2026, 3, 2))  # settled after the conference
    ad_hoc = dialogue(binh_minh, D(2026, 1, 20), "ad_hoc", host="Phạm Văn Cường", ad_hoc_reason="sudden")
    attend(ad_hoc, present=7)
    petitions(ad_hoc, 2)
    cancelled = dialogue(binh_minh, D(2026, 3, 5), "periodic", host="Phạm Văn Cường", status="cancelled")
    attend(cancelled, present=40)
    petitions(cancelled, 9)
    next_quarter = dialogue(binh_minh, D(2026, 4, 1), "periodic", host="Phạm Văn Cường")
    petitions(next_quarter, 10)
    return city


EXPECTED_Q1 = {
    "periodic": {
        "dialogues": 1,
        "participants": 12,
        "petitions": 6,
        "answered_at_conference": 3,
        "assigned": 5,
        "settled": 3,
        "pending": 3,
    },
    "thematic": {
        "dialogues": 1,
        "participants": 5,
        "petitions": 4,
        "answered_at_conference": 0,
        "assigned": 4,
        "settled": 4,
        "pending": 0,
    },
    "ad_hoc": {
        "dialogues": 1,
        "participants": 7,
        "petitions": 2,
        "answered_at_conference": 0,
        "assigned": 0,
        "settled": 0,
        "pending": 2,
    },
}


@pytest.mark.django_db
def test_each_kind_and_each_column_of_the_quarter(city):
    table = mau1.build(city, parse_period("2026-Q1"))
    assert table.totals == EXPECTED_Q1
    assert [(row.date, row.kind) for row in table.rows] == [
        ("2026-01-20", "ad_hoc"),
        ("2026-02-10", "thematic"),
        ("2026-03-31", "periodic"),
    ]
    assert table.rows[2].hosts.startswith("Trần Văn An (")


@pytest.mark.django_db
def test_a_row_fills_its_kinds_seven_columns_of_the_seeds_24(city):
    row = mau1.build(city, parse_period("2026-Q1")).rows[1]  # the thematic dialogue
    cells = row.cells()
    assert len(cells) == 24
    assert cells[2:9] == [None] * 7
    assert cells[9].startswith("Lê Thị Bình") and cells[10:16] == [5, 4, 0, 4, 4, 0]
    assert cells[16:23] == [None] * 7
    assert cells[23] == "Xã An Bình"


@pytest.mark.django_db
def test_period_boundaries_and_the_cancelled_dialogue(city):
    """The quarter's last day is in Q1; 1 April is in Q2 and in H1; the cancelled dialogue is never counted."""
    q2 = mau1.build(city, parse_period("2026-Q2")).totals
    assert q2["periodic"]["dialogues"] == 1 and q2["periodic"]["petitions"] == 10
    h1 = mau1.build(city, parse_period("2026-H1")).totals
    assert h1["periodic"]["dialogues"] == 2 and h1["periodic"]["petitions"] == 16
    assert mau1.build(city, parse_period("2026-9M")).totals == h1
    assert mau1.build(city, parse_period("2025")).rows == []


@pytest.mark.django_db
def test_a_unit_moved_in_the_tree_reports_with_its_new_parent(city):
    binh_minh = city.children.get(code="XA-BM")
    other = UnitFactory(code="TP-KHAC", name="Thành phố Khác")
    binh_minh.parent = other
    binh_minh.save()
    city.refresh_from_db()
    assert mau1.build(city, parse_period("2026-Q1")).totals["ad_hoc"]["dialogues"] == 0
    assert mau1.build(other, parse_period("2026-Q1")).totals["ad_hoc"] == EXPECTED_Q1["ad_hoc"]


@pytest.mark.django_db
def test_the_roll_up_is_the_sum_of_its_units(city):
    table = mau1.build(city, parse_period("2026-Q1"))
    lines, totals = by_child(table)
    assert [line.unit.code for line in lines] == ["TP-THU", "XA-AB", "XA-BM"]
    assert [line.dialogues for line in lines] == [0, 2, 1]
    for kind, counts in totals.items():
        for name, value in counts.items():
            assert sum(line.totals[kind][name] for line in lines) == value
    assert mau1.build(lines[1].unit, table.period).totals["periodic"] == lines[1].totals["periodic"]


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_units_or_dialogues(city, django_assert_num_queries):
    period = parse_period("2026-Q1")
    with django_assert_num_queries(4):
        mau1.build(city, period)
    for n in range(5):
        extra = UnitFactory(code=f"XA-{n}", parent=city)
        petitions(dialogue(extra, D(2026, 2, 2), "periodic", host=f"Người chủ trì {n}"), 2)
    with django_assert_num_queries(4):
        assert mau1.build(city, period).totals["periodic"]["dialogues"] == 6


@pytest.mark.django_db
def test_the_xlsx_shows_the_same_totals_on_a4_landscape(city):
    table = mau1.build(city, parse_period("2026-Q1"))
    sheet = load_workbook(io.BytesIO(mau1_xlsx(table))).active
    assert [sheet.cell(11, c).value for c in range(1, 25)] == list(range(1, 25))
    total_row = [sheet.cell(15, c).value for c in range(1, 25)]
    assert total_row[1] == "Tổng số"
    assert total_row[2:9] == [1, 12, 6, 3, 5, 3, 3]
    assert total_row[9:16] == [1, 5, 4, 0, 4, 4, 0]
    assert total_row[16:23] == [1, 7, 2, 0, 0, 0, 2]
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert "C8:I8" in {str(r) for r in sheet.merged_cells.ranges}


@pytest.mark.django_db
def test_a_formula_in_a_title_is_written_as_text(city):
    first = mau1.build(city, parse_period("2026-Q1")).rows[0]
    first.title = "=HYPERLINK(1)"
    table = mau1.Table(city, parse_period("2026-Q1"), [first])
    sheet = load_workbook(io.BytesIO(mau1_xlsx(table))).active
    assert sheet.cell(12, 2).data_type != "f"


@pytest.mark.django_db
def test_report_command_json_and_xlsx(city, capsys, tmp_path):
    out = tmp_path / "mau1.xlsx"
    call_command("report", "mau1", "--unit", "TP-THU", "--period", "2026-Q1", "--json", "--out", str(out))
    printed = json.loads(capsys.readouterr().out)
    assert printed["unit"] == "TP-THU" and printed["period"] == "2026-Q1"
    assert printed["totals"] == EXPECTED_Q1
    assert len(printed["rows"]) == 3
    assert load_workbook(out).active.cell(15, 4).value == 12


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("unit", "period", "message"),
    [("KHONG-CO", "2026-Q1", "Không có đơn vị hành chính mã 'KHONG-CO'"), ("TP-THU", "2026-Q5", "không hợp lệ")],
)
def test_report_command_exits_2_on_a_bad_unit_or_period(city, capsys, unit, period, message):
    with pytest.raises(SystemExit) as exit_info:
        call_command("report", "mau1", "--unit", unit, "--period", period)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("code", ["2026-Q0", "2026-H2", "26-Q1", "2026-q1x", "", "1999", "2026-Q1; DROP"])
def test_malformed_periods_are_refused(code):
    with pytest.raises(BadPeriod):
        parse_period(code)


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2026-H1", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026-9M", D(2026, 1, 1), D(2026, 9, 30)),
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_period_dates(code, start, end):
    period = parse_period(code)
    assert (period.start, period.end) == (start, end)
