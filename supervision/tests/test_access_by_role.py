"""Who opens which supervision page (review finding: /giam-sat/ refused a user to whom /giam-sat/ket-qua/ answered).

Rule: whoever may see the findings (a role in some unit: 003 Điều 13.3, 14.3 — the Front, the office, the
agency asked, the upper level) opens every list and the overview, showing only their units' rows; a user
with no role gets one Vietnamese denial (403) on every supervision page, and nothing is written.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from common import dates
from organizations.enums import Role
from organizations.models import Organization, OrganizationKind
from supervision import verbs
from supervision.models import Direction, Escalation, Finding, Forecast, SupervisionPlan

from .factories import login

TODAY = datetime.date(2026, 11, 26)
DENIAL = "tài khoản của bạn không có vai trò nào"
MEMBERS = ["front", "commune_staff", "agency", "upper_viewer"]
ROLES = [*MEMBERS, "no_role"]


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def people(world) -> dict[str, User]:
    """Bùi Thị Hoa (Front), Ngô Thị Thu (office), Hoàng Anh Tuấn (agency asked), Lê Văn Trên (city viewer),
    Đinh Văn Không (no role)."""
    city = Organization.objects.create(
        code="hp-ubnd",
        name="Ủy ban nhân dân thành phố",
        kind=OrganizationKind.objects.get(code="peoples_committee"),
        unit=world.ward.unit.parent,
    )
    return {
        "front": world.supervisor,
        "commune_staff": world.ward.staff,
        "agency": world.ward.officer,
        "upper_viewer": login("captren", "Lê Văn Trên", Role.UPPER_VIEWER, city),
        "no_role": User.objects.create_user("khongvaitro", password="matkhau-thu-nghiem", first_name="Đinh Văn Không"),
    }


@pytest.fixture
def rows(world) -> dict[str, int]:
    """One plan, one finding asking the agency, one escalation, one direction: the targets of the actions."""
    plan = verbs.create_plan(world.supervisor, world.front, 2026, "Giám sát năm 2026", "")
    finding = verbs.record_finding(
        world.supervisor, world.front, "Phòng Kinh tế chưa trả lời hộ dân ngõ 12", case=world.case,
        request="Đề nghị trả lời bằng văn bản", agency=world.ward.agency,
    )  # fmt: skip
    escalation = verbs.escalate(
        world.ward.staff, world.ward.unit, "Kiến nghị nâng cốt đường", "UBND thành phố", "12/UBND", TODAY, TODAY,
        case=world.case,
    )  # fmt: skip
    direction = verbs.direct(world.ward.staff, world.ward.unit, "Chỉ đạo trả lời", world.ward.agency, TODAY, case=world.case)
    return {"plan": plan.pk, "finding": finding.pk, "escalation": escalation.pk, "direction": direction.pk}


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (SupervisionPlan, Finding, Escalation, Direction, Forecast))


PAGES = ["home", "findings", "escalations", "directions", "plan"]
# Each POST action with an empty form: a member is told what is missing (400, the form is read before the
# verb decides who may act); the no-role user gets the one denial. Nothing is written either way.
ACTIONS = [
    "plan_create",
    "plan",
    "finding_reply",
    "escalation_reply",
    "direction_done",
    "forecast",
    "finding",
    "escalate",
    "direct",
]


def _url(name: str, world, rows) -> str:
    by_row = {"plan": "plan", "finding_reply": "finding", "escalation_reply": "escalation", "direction_done": "direction"}
    if name in by_row:
        return reverse(f"supervision:{name}", args=[rows[by_row[name]]])
    if name == "forecast":
        return reverse("supervision:forecast", args=[world.dialogue.pk])
    if name in ("finding", "escalate", "direct"):
        return reverse(f"supervision:{name}", args=["vu-viec", world.case.pk])
    return reverse(f"supervision:{name}")


@pytest.mark.parametrize("role", ROLES)
def test_every_member_opens_every_page_and_a_user_with_no_role_gets_the_denial(client, world, people, rows, role):
    """003 Điều 13.3, 14.3: the overview opens for whoever may see the findings; the same denial for no role."""
    before = _counts()
    client.force_login(people[role])
    for page in PAGES:
        response = client.get(_url(page, world, rows))
        text = response.content.decode()
        if role == "no_role":
            assert response.status_code == 403 and DENIAL in text, page
            assert "Phòng Kinh tế chưa trả lời" not in text
        else:
            assert response.status_code == 200, page
    assert _counts() == before


@pytest.mark.parametrize("role", MEMBERS)
def test_the_overview_and_the_findings_show_the_same_rows(client, world, people, rows, role):
    """Whoever sees a finding in the list sees it counted on the overview (one scope for both)."""
    client.force_login(people[role])
    home = client.get(reverse("supervision:home")).content.decode()
    listed = client.get(reverse("supervision:findings")).content.decode()
    assert "Phòng Kinh tế chưa trả lời" in listed
    assert "<th>Kết quả giám sát</th><td>1</td>" in home.replace("\n", "")


@pytest.mark.parametrize("role", ROLES)
def test_actions_with_an_empty_form_write_nothing_and_no_role_gets_the_denial(client, world, people, rows, role):
    before = _counts()
    client.force_login(people[role])
    for action in ACTIONS:
        response = client.post(_url(action, world, rows), {})
        text = response.content.decode()
        if role == "no_role":
            assert response.status_code == 403 and DENIAL in text, action
        else:
            assert response.status_code == 400 and 'role="alert"' in text, action
    assert _counts() == before


@pytest.mark.parametrize("name", ["letter_file", "forecast_file"])
def test_files_give_the_same_denial_to_a_user_with_no_role(client, world, people, rows, name):
    client.force_login(people["no_role"])
    response = client.get(reverse(f"supervision:{name}", args=[rows["escalation"]]))
    assert response.status_code == 403 and DENIAL in response.content.decode()
