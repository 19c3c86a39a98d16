"""/api/v1/supervision for a user with no role in any unit: the supervision pages' one Vietnamese denial (403) on
every endpoint, before anything is read or written — not empty lists (003 Điều 13.3, 14.3: supervision is the
bodies' work). Members still get their rows."""

import datetime
import json

import pytest
from django.contrib.auth.models import User

from common import dates
from supervision.models import Direction, Escalation, Finding, Forecast, SupervisionPlan

TODAY = datetime.date(2026, 11, 26)
BASE = "/api/v1/supervision"
DENIAL = "tài khoản của bạn không có vai trò nào"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


def _post(client, url, data):
    return client.post(f"{BASE}{url}", json.dumps(data), content_type="application/json")


@pytest.fixture
def rows(client, world):
    """One finding (to the Phòng Kinh tế), one escalation and one direction, made by the members."""
    client.force_login(world.supervisor)
    finding = _post(
        client,
        "/findings",
        {"organization": "ha-mttq", "finding": "Phòng Kinh tế chưa trả lời", "matter": world.case.pk, "agency": "ha-pkt"},
    ).json()["id"]
    client.force_login(world.ward.staff)
    escalation = _post(
        client,
        "/escalations",
        {
            "content": "Đề nghị thành phố bố trí vốn",
            "upper_level": "UBND thành phố Hải Phòng",
            "letter_number": "45/UBND-KT",
            "letter_date": "2026-11-10",
            "due": "2026-12-25",
            "matter": world.case.pk,
        },
    ).json()["id"]
    direction = _post(
        client, "/directions", {"content": "Xử lý cán bộ", "owner": "ha-pkt", "due": "2026-12-25", "dialogue": world.dialogue.pk}
    ).json()["id"]
    client.logout()
    return {"finding": finding, "escalation": escalation, "direction": direction}


def _endpoints(world, rows) -> list[tuple[str, str, dict | None]]:
    """Every endpoint of the router, with a well-formed request (so only the role decides)."""
    case, dialogue = world.case.pk, world.dialogue.pk
    return [
        ("get", "/plans", None),
        ("post", "/plans", {"organization": "ha-mttq", "year": 2027, "title": "Giám sát 2027"}),
        ("get", "/findings", None),
        ("post", "/findings", {"organization": "ha-mttq", "finding": "Chậm", "matter": case, "agency": "ha-pkt"}),
        ("post", f"/findings/{rows['finding']}/reply", {"reply": "Đã trả lời"}),
        ("post", f"/dialogues/{dialogue}/forecast", {"organization": "ha-mttq", "content": "Có thể đông người"}),
        ("get", "/escalations", None),
        (
            "post",
            "/escalations",
            {
                "content": "Kiến nghị",
                "upper_level": "UBND thành phố",
                "letter_number": "46/UBND",
                "letter_date": "2026-11-20",
                "due": "2026-12-30",
                "matter": case,
            },
        ),
        ("post", f"/escalations/{rows['escalation']}/reply", {"reply": "Đã bố trí"}),
        ("get", "/directions", None),
        ("post", "/directions", {"content": "Xử lý", "owner": "ha-pkt", "due": "2026-12-30", "dialogue": dialogue}),
        ("post", f"/directions/{rows['direction']}/complete", {"result": "Đã xong"}),
        ("get", f"/totals?unit={world.ward.unit.code}&start=2026-01-01&end=2026-12-31", None),
    ]


def _state() -> tuple:
    """Every row of the app and every reply or result on them."""
    return (
        *(model.objects.count() for model in (SupervisionPlan, Finding, Escalation, Direction, Forecast)),
        list(Finding.objects.values_list("reply", flat=True)),
        list(Escalation.objects.values_list("reply", flat=True)),
        list(Direction.objects.values_list("result", "done_on")),
    )


ENDPOINT_COUNT = 13


def test_the_router_has_as_many_endpoints_as_are_checked():
    """An endpoint added to the router and not to `_endpoints` fails here."""
    from supervision.api import router

    assert sum(len(path.operations) for path in router.path_operations.values()) == ENDPOINT_COUNT


@pytest.mark.parametrize("index", range(ENDPOINT_COUNT))
def test_a_user_with_no_role_gets_the_pages_denial_and_nothing_is_written(client, world, rows, index):
    method, url, data = _endpoints(world, rows)[index]
    before = _state()
    client.force_login(User.objects.create_user("khongvaitro", first_name="Đinh Văn Không"))
    response = (
        getattr(client, method)(f"{BASE}{url}", json.dumps(data), content_type="application/json")
        if data
        else (client.get(f"{BASE}{url}"))
    )
    assert response.status_code == 403, url
    assert DENIAL in response.json()["message"]
    assert _state() == before


def test_the_denial_is_word_for_word_the_pages(client, world):
    client.force_login(User.objects.create_user("khongvaitro", first_name="Đinh Văn Không"))
    page = client.get("/giam-sat/")
    api = client.get(f"{BASE}/findings").json()["message"]
    assert page.status_code == 403 and api in page.content.decode()


def test_members_still_get_their_rows(client, world, rows):
    """The Front's supervisor and the agency asked (Phòng Kinh tế) still see the finding through the API."""
    for user in (world.supervisor, world.ward.officer):
        client.force_login(user)
        listed = client.get(f"{BASE}/findings").json()
        assert listed["count"] == 1 and listed["items"][0]["finding"] == "Phòng Kinh tế chưa trả lời"
    client.force_login(world.ward.staff)
    assert client.get(f"{BASE}/escalations").json()["count"] == 1
    assert client.get(f"{BASE}/directions").json()["count"] == 1
