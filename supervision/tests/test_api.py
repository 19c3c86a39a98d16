"""/api/v1/supervision: the same verbs and rules as the screens; 400 with a Vietnamese message, 403, 404."""

import datetime
import json

import pytest

from common import dates
from supervision.models import Direction, Escalation, Finding, Forecast, SupervisionPlan

TODAY = datetime.date(2026, 11, 26)
BASE = "/api/v1/supervision"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def _post(client, url, data):
    return client.post(f"{BASE}{url}", json.dumps(data), content_type="application/json")


def test_front_plans_and_records_a_finding_then_the_agency_replies(client, world):
    client.force_login(world.supervisor)
    plan = _post(
        client, "/plans", {"organization": "ha-mttq", "year": 2027, "title": "Giám sát 2027", "dialogues": [world.dialogue.pk]}
    )
    assert plan.status_code == 201 and plan.json()["dialogues"] == [world.dialogue.pk]
    made = _post(
        client,
        "/findings",
        {
            "organization": "ha-mttq",
            "finding": "Chưa trả lời",
            "matter": world.case.pk,
            "request": "Đề nghị trả lời",
            "agency": "ha-pkt",
        },
    )
    assert made.status_code == 201 and made.json()["dialogue"] == world.dialogue.pk
    client.force_login(world.ward.officer)
    replied = _post(client, f"/findings/{made.json()['id']}/reply", {"reply": "Đã trả lời", "replied_on": "2026-11-26"})
    assert replied.status_code == 200 and replied.json()["replied_on"] == "2026-11-26"
    listed = client.get(f"{BASE}/findings?matter={world.case.pk}").json()
    assert listed["count"] == 1


def test_future_reply_date_is_a_400_in_vietnamese_and_nothing_written(client, world):
    client.force_login(world.supervisor)
    made = _post(
        client,
        "/findings",
        {"organization": "ha-mttq", "finding": "Chậm", "matter": world.case.pk, "request": "Đề nghị", "agency": "ha-pkt"},
    )
    response = _post(client, f"/findings/{made.json()['id']}/reply", {"reply": "Trả lời", "replied_on": "2026-11-30"})
    assert response.status_code == 400 and "không được sau ngày hôm nay" in response.json()["message"]
    assert Finding.objects.get().replied_on is None


def test_forecast_through_the_api_before_the_conference_002_v_4(client, world):
    client.force_login(world.supervisor)
    response = _post(
        client, f"/dialogues/{world.dialogue.pk}/forecast", {"organization": "ha-mttq", "content": "Có thể đông người"}
    )
    assert response.status_code == 200 and Forecast.objects.count() == 1


def test_escalation_overdue_in_the_list_and_front_may_not_escalate(client, world):
    client.force_login(world.supervisor)
    data = {
        "kind": "beyond_authority",
        "content": "Đề nghị thành phố bố trí vốn",
        "upper_level": "UBND thành phố Hải Phòng",
        "letter_number": "45/UBND-KT",
        "letter_date": "2026-11-10",
        "due": "2026-11-25",
        "matter": world.case.pk,
    }
    assert _post(client, "/escalations", data).status_code == 403 and not Escalation.objects.exists()
    client.force_login(world.ward.staff)
    made = _post(client, "/escalations", data)
    assert made.status_code == 201 and made.json()["overdue"] is True
    assert client.get(f"{BASE}/escalations?overdue=true").json()["count"] == 1
    assert _post(client, "/escalations", {**data, "kind": "khac"}).status_code == 400
    assert _post(client, "/escalations", {**data, "matter": None}).status_code == 400
    assert Escalation.objects.count() == 1


def test_directions_with_owner_deadline_and_state(client, world):
    client.force_login(world.ward.staff)
    made = _post(
        client,
        "/directions",
        {
            "content": "Xử lý cán bộ",
            "owner": "ha-pkt",
            "due": "2026-11-25",
            "directed_on": "2026-11-20",
            "dialogue": world.dialogue.pk,
        },
    )
    assert made.status_code == 201 and made.json()["state"] == "overdue"
    assert client.get(f"{BASE}/directions?state=overdue").json()["count"] == 1
    assert client.get(f"{BASE}/directions?state=nonsense").status_code == 400
    client.force_login(world.ward.head)
    done = _post(client, f"/directions/{made.json()['id']}/complete", {"result": "Đã kiểm điểm"})
    assert done.status_code == 200 and done.json()["state"] == "done"
    assert Direction.objects.get().done_on == TODAY


def test_totals_for_reports_count_in_sql(client, world, django_assert_max_num_queries):
    from supervision import verbs
    from supervision.totals import findings_count

    verbs.record_finding(world.supervisor, world.front, "Một", case=world.case, request="Đề nghị", agency=world.ward.agency)
    verbs.record_finding(world.supervisor, world.front, "Hai", dialogue=world.dialogue)
    verbs.escalate(
        world.ward.staff, world.ward.unit, "K", "UBND TP", "1/UBND", TODAY, TODAY, case=world.case, kind="policy_amendment"
    )
    with django_assert_max_num_queries(4):
        counts = findings_count([world.ward.unit], datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert counts["findings"] == 2 and counts["findings_on_matters"] == 1 and counts["requests"] == 1
    assert counts["escalations"] == 1 and counts["policy_proposals"] == 1 and counts["escalations_overdue"] == 0
    assert findings_count([world.ward.unit], datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))["findings"] == 0
    client.force_login(world.ward.staff)
    response = client.get(f"{BASE}/totals?unit=31-HONGAN&start=2026-01-01&end=2026-12-31")
    assert response.status_code == 200 and response.json()["findings"] == 2
    assert client.get(f"{BASE}/totals?unit=31-HONGAN&start=2026-12-31&end=2026-01-01").status_code == 400


def test_unknown_ids_are_404_and_bad_text_400(client, world):
    client.force_login(world.supervisor)
    assert _post(client, "/findings/999999/reply", {"reply": "x"}).status_code == 404
    assert (
        _post(client, "/findings", {"organization": "ha-mttq", "finding": "x\u0000", "matter": world.case.pk}).status_code == 400
    )
    assert _post(client, "/plans", {"organization": "khong-co", "year": 2027, "title": "x"}).status_code == 400
    assert not Finding.objects.exists() and not SupervisionPlan.objects.exists()


def test_an_empty_organisation_code_is_a_400_not_a_500(client, world):
    """Found by the contract test: `"organization": ""` reached the verb as None."""
    client.force_login(world.supervisor)
    for url, data in [
        ("/plans", {"organization": "", "year": 2027, "title": "x"}),
        ("/findings", {"organization": "", "finding": "x", "matter": world.case.pk}),
        (f"/dialogues/{world.dialogue.pk}/forecast", {"organization": "", "content": "x"}),
    ]:
        response = _post(client, url, data)
        assert response.status_code == 400 and "Cho biết mã" in response.json()["message"]
    client.force_login(world.ward.staff)
    response = _post(client, "/directions", {"content": "x", "owner": "", "due": "2026-12-01", "matter": world.case.pk})
    assert response.status_code == 400
    assert not SupervisionPlan.objects.exists() and not Finding.objects.exists() and not Forecast.objects.exists()
    assert not Direction.objects.exists()
