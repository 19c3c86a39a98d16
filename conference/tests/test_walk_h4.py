"""Walk-through findings on the conference screens (h4): no menu link that ends on "no permission"."""

import pytest

from petitions.tests.helpers import user

from .test_proceedings import held  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

RECORD_ONLY = ("diem-danh/", "chu-tri/", "bien-ban/", "ket-qua/")


@pytest.mark.parametrize("username", ["canbo", "captren"])
def test_menu_hides_record_only_screens_from_who_cannot_open_them(client, held, username):  # noqa: F811
    """An agency officer or an upper-level viewer sees the programme but no link to attendance, chair, minutes, outcomes."""
    dialogue, _ = held
    client.force_login(user(username))
    html = client.get(f"/hoi-nghi/{dialogue.pk}/").content.decode()
    nav = html.split('class="conference-nav"')[1].split("</p>")[0]
    for tail in RECORD_ONLY:
        assert f"/hoi-nghi/{dialogue.pk}/{tail}" not in nav
        assert client.get(f"/hoi-nghi/{dialogue.pk}/{tail}").status_code == 403  # the link would have been dead


def test_menu_keeps_record_only_screens_for_the_secretary(client, held):  # noqa: F811
    dialogue, _ = held
    client.force_login(user("thuky"))
    nav = client.get(f"/hoi-nghi/{dialogue.pk}/").content.decode().split('class="conference-nav"')[1].split("</p>")[0]
    for tail in RECORD_ONLY:
        assert f"/hoi-nghi/{dialogue.pk}/{tail}" in nav


def test_outcomes_show_a_dash_for_a_matter_without_outcome(client, held):  # noqa: F811
    """No outcome recorded yet reads "—", not a blank cell (the lookup fell back to the matter's id)."""
    dialogue, _ = held
    client.force_login(user("thuky"))
    html = client.get(f"/hoi-nghi/{dialogue.pk}/ket-qua/").content.decode()
    first = html.split("<tr data-case=")[1]
    assert first.split("<td>")[2].startswith("—")
