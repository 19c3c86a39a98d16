"""Issue 11, "Screens": history without "X → X", the plan step done when the plan is saved, links only for who
may open them, archived dialogues out of "My tasks", and one filter definition for the list page and the API."""

import pytest
from django.contrib.auth.models import User

from dialogues.models import Dialogue

from .factories import make_dialogue

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def test_saving_the_plan_marks_the_plan_step_done(demo):
    dialogue = make_dialogue()
    plan = dialogue.steps.get(code="plan")
    assert plan.status == "done" and plan.done_by.username == "vanphong" and plan.done_on is not None
    assert dialogue.steps.get(code="announce").status == "pending"


def test_history_never_reads_a_status_into_itself(client, demo):
    dialogue = make_dialogue()
    html = login(client, "vanphong").get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    events = html.split('id="events"')[1].split("</ul>")[0]
    assert "Đã lập kế hoạch → Đã lập kế hoạch" not in events
    assert "Lập kế hoạch" in events or "Đã lập kế hoạch" in events


def test_overdue_link_only_for_who_may_open_the_board(client, demo):
    chair = login(client, "chutri").get("/").content.decode()
    assert "/doi-thoai/qua-han/" not in chair
    assert client.get("/doi-thoai/qua-han/").status_code == 403
    staff = login(client, "vanphong").get("/").content.decode()
    assert "/doi-thoai/qua-han/" in staff
    assert client.get("/doi-thoai/qua-han/").status_code == 200


def test_my_tasks_leaves_out_archived_and_cancelled_dialogues(client, demo):
    open_one = make_dialogue(title="Còn mở")
    archived = make_dialogue(title="Đã lưu hồ sơ xong")
    Dialogue.objects.filter(pk=archived.pk).update(status="archived")  # setup only: the verb has its own tests
    html = login(client, "vanphong").get("/doi-thoai/viec-cua-toi/").content.decode()
    assert open_one.title in html and archived.title not in html


def test_page_and_api_share_the_filters(client, demo):
    make_dialogue(title="Hội nghị Alpha")
    make_dialogue(title="Hội nghị Beta", kind="thematic")
    login(client, "vanphong")
    page = client.get("/doi-thoai/", {"loai": "thematic"}).content.decode()
    api = client.get("/api/v1/dialogues", {"kind": "thematic"}).json()
    assert "Hội nghị Beta" in page and "Hội nghị Alpha" not in page
    assert [d["title"] for d in api["items"]] == ["Hội nghị Beta"]
    ignored = client.get("/doi-thoai/", {"loai": "khong-co"}).content.decode()  # the page ignores a bad value
    assert "Hội nghị Beta" in ignored and "Hội nghị Alpha" in ignored
    refused = client.get("/api/v1/dialogues", {"kind": "khong-co"})
    assert refused.status_code == 400 and "không hợp lệ" in refused.json()["message"] and "thematic" in refused.json()["message"]


def test_every_link_of_a_role_s_home_page_opens_for_that_role(client, demo):
    """No role is shown a link that answers 403 (the agency head's "Overdue answers" did)."""
    from django.urls import reverse

    from organizations.demo import demo_data
    from portal.phrases import ROLE_HOME

    refused = []
    for login_row in demo_data()["users"]:
        login(client, login_row["username"])
        for _label, name in ROLE_HOME[login_row["role"]]["links"]:
            if client.get(reverse(name)).status_code == 403:
                refused.append((login_row["username"], name))
    assert refused == []
