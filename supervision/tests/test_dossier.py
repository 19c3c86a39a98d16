"""What supervision adds to the dialogue's dossier (000 mục 7: "Văn bản kiến nghị cấp trên", "Văn bản chỉ đạo")."""

import datetime

import pytest

from common import dates
from supervision import verbs
from supervision.dossier import items_for

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def test_dossier_lists_forecast_escalation_direction_and_finding_with_item_codes_000_muc_7(world, django_assert_max_num_queries):
    verbs.attach_forecast(world.supervisor, world.dialogue, world.front, "Có thể đông người")
    verbs.escalate(
        world.ward.staff, world.ward.unit, "Đề nghị bố trí vốn", "UBND thành phố", "45/UBND-KT", TODAY, TODAY, case=world.case
    )
    verbs.direct(world.ward.staff, world.ward.unit, "Kiểm điểm cán bộ", world.ward.agency, TODAY, dialogue=world.dialogue)
    verbs.record_finding(world.supervisor, world.front, "Chậm trả lời", case=world.case)
    with django_assert_max_num_queries(4):
        parts = items_for(world.dialogue)
    assert [part.item_codes[0] for part in parts] == [
        "related_documents",
        "upper_level_petitions",
        "further_directions",
        "results_reports",
    ]
    assert "45/UBND-KT" in parts[1].title and parts[1].on == TODAY
    assert "Trần Văn Bình" not in " ".join(part.text + part.title for part in parts)  # no petitioner data


def test_dossier_checklist_and_zip_carry_the_escalation_letter_003_dieu_15_2(world):
    """The dossier page, its index and the ZIP show what supervision recorded, under the profile's item."""
    import zipfile

    from documents.dossier import checklist, export_zip

    verbs.escalate(
        world.ward.staff, world.ward.unit, "Đề nghị bố trí vốn", "UBND thành phố", "45/UBND-KT", TODAY, TODAY, case=world.case
    )
    items = {item.rule.code: item for item in checklist(world.dialogue)}
    target = next(code for code in ("upper_level_petitions", "upper_petitions") if code in items)
    assert items[target].complete and "45/UBND-KT" in items[target].recorded[0].title
    assert not any(item.recorded for code, item in items.items() if code != target)
    with zipfile.ZipFile(export_zip(world.dialogue)) as bundle:
        texts = [name for name in bundle.namelist() if name.endswith(".txt")]
        assert len(texts) == 1 and "45-UBND-KT" in texts[0]
        assert "Đề nghị bố trí vốn" in bundle.read(texts[0]).decode()
