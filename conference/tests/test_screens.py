"""Issue 11, "Screens": the chair's first render, the hall's projector link, mm:ss, attendance labels."""

import pytest
from django.test import Client

from conference import proceedings, projector
from conference.models import Invitee
from conference.templatetags.conference_tags import mmss
from dialogues.models import ParticipantGroup
from petitions.tests.helpers import user

from .test_proceedings import held  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(user(username))
    return client


def queue_of_two(dialogue):
    for name in ("Ông Nguyễn Văn An", "Bà Trần Thị Bích"):
        proceedings.register_speaker(dialogue, name, "Môi trường", "Tổ dân phố số 3", [], False, 300)
    proceedings.call_next(dialogue)


def test_chair_screen_shows_the_queue_on_first_load(client, held):  # noqa: F811
    dialogue, _ = held
    queue_of_two(dialogue)
    html = login(client, "thuky").get(f"/hoi-nghi/{dialogue.pk}/chu-tri/").content.decode()
    assert 'id="now-speaking"' in html and "Ông Nguyễn Văn An" in html
    assert "Bà Trần Thị Bích" in html.split('id="queue"')[1]
    assert "05:00" in html  # the time limit as mm:ss


@pytest.mark.parametrize(("seconds", "shown"), [(299, "04:59"), (300, "05:00"), (0, "00:00"), (-12, "-00:12"), (3725, "62:05")])
def test_timer_reads_minutes_and_seconds(seconds, shown):
    assert mmss(seconds) == shown


def test_projector_link_needs_no_login_and_shows_initials_only(held):  # noqa: F811
    dialogue, _ = held
    queue_of_two(dialogue)
    response = Client().get(projector.url(dialogue.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ông/Bà N.V.A." in html and "Ông/Bà T.T.B." in html
    assert "Nguyễn Văn An" not in html and "Trần Thị Bích" not in html
    assert 'class="mainnav"' not in html and "Đăng xuất" not in html  # no staff menu
    assert 'id="hall-timer"' in html and "giây" not in html  # mm:ss, not "299 giây"
    assert response.headers["X-Frame-Options"] == "DENY"
    partial = Client().get(projector.url(dialogue.pk), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Ông/Bà T.T.B." in partial


def test_projector_refuses_a_wrong_or_foreign_token(held):  # noqa: F811
    dialogue, _ = held
    wrong = projector.url(dialogue.pk)[:-3] + "xyz/"
    assert Client().get(wrong).status_code == 404
    other = projector.token(dialogue.pk + 1)
    assert Client().get(f"/hoi-nghi/man-hinh/{dialogue.pk}/{other}/").status_code == 404
    assert projector.token(dialogue.pk) != projector.token(dialogue.pk + 1)


def test_staff_hall_link_leads_to_the_projector(client, held):  # noqa: F811
    dialogue, _ = held
    response = login(client, "thuky").get(f"/hoi-nghi/{dialogue.pk}/man-hinh/")
    assert response.status_code == 302 and response["Location"] == projector.url(dialogue.pk)
    assert "/dang-nhap/" in Client().get(f"/hoi-nghi/{dialogue.pk}/man-hinh/")["Location"]  # the staff route needs a login


def test_attendance_totals_name_the_group_in_vietnamese(client, held):  # noqa: F811
    dialogue, _ = held
    group = ParticipantGroup.objects.create(dialogue=dialogue, kind="residential", expected_count=2)
    Invitee.objects.create(dialogue=dialogue, group=group, name="Ông Lê Văn Cường", code="AB12CD")
    html = login(client, "thuky").get(f"/hoi-nghi/{dialogue.pk}/diem-danh/").content.decode()
    assert "Đại biểu tổ dân phố, thôn: 0/1" in html
    assert "residential:" not in html
