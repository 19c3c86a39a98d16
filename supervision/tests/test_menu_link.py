"""The menu's "Giám sát" link shows for exactly who may open the supervision pages (supervision.access.may_open):
the agency asked to answer a finding (003 Điều 13.3: it must reply) sees it; a user with no role in any unit does not.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from organizations.access import ACTIONS, memberships
from supervision.access import may_open
from supervision.models import Finding

pytestmark = pytest.mark.django_db
LINK = f'href="{reverse("supervision:home")}"'


def menu(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("regulations:list")).content.decode()


def test_an_agency_officer_with_a_finding_to_answer_sees_the_link(client, world):
    """Hoàng Anh Tuấn (Phòng Kinh tế, agency officer) may not "supervise" yet must open the pages to reply."""
    Finding.objects.create(
        unit=world.ward.unit,
        organization=world.front,
        case=world.case,
        finding="Phòng Kinh tế chưa trả lời",
        request="Đề nghị trả lời",
        agency=world.ward.agency,
        found_on=datetime.date(2026, 11, 20),
    )
    officer = world.ward.officer
    assert not any(m.role in ACTIONS["supervise"] for m in memberships(officer))  # the old rule hid the link
    assert may_open(officer)
    assert LINK in menu(client, officer)
    assert client.get(reverse("supervision:findings")).status_code == 200


def test_a_user_with_no_role_does_not_see_the_link(client, world):
    nobody = User.objects.create_user("khongvaitro", first_name="Đinh Văn Không")
    assert LINK not in menu(client, nobody)
    assert client.get(reverse("supervision:home")).status_code == 403


def test_the_front_supervisor_sees_the_link(client, world):
    assert LINK in menu(client, world.supervisor)
