"""Where the public form sends an opinion: any commune whose office works here, and only dialogues still collecting."""

import pytest
from django.urls import reverse

from dialogues.enums import Status
from dialogues.models import Dialogue
from organizations.tests.factories import UnitFactory
from portal.forms import OpinionForm
from portal.models import WebSubmission
from portal.submissions import SubmissionError

from .public_helpers import announced, sent
from .test_send import form

pytestmark = pytest.mark.django_db


def test_a_commune_with_no_dialogue_announced_still_takes_opinions(client, demo):
    """001 I.2, 003 Điều 3.3: opinions come through every channel, the commune's portal included, between dialogues too."""
    assert not Dialogue.objects.filter(unit__code="31-HONGAN", status=Status.ANNOUNCED).exists()
    units = OpinionForm().fields["unit"].queryset
    assert units.filter(code="31-HONGAN").exists()
    response = client.post(reverse("portal:send"), form())
    assert response.status_code == 302
    assert WebSubmission.objects.get().unit.code == "31-HONGAN"


def test_a_unit_whose_office_does_not_work_here_is_not_offered(client, demo):
    """Nobody there would accept the opinion: the form does not offer it and refuses it, writing nothing."""
    empty = UnitFactory(code="99-TRONG", name="Xã chưa dùng hệ thống")
    assert not OpinionForm().fields["unit"].queryset.filter(pk=empty.pk).exists()
    response = client.post(reverse("portal:send"), form(unit="99-TRONG"))
    assert response.status_code == 400 and not WebSubmission.objects.exists()
    api = {"unit": "99-TRONG", "content": "Đề nghị sửa đường", "consent": True}
    response = client.post("/api/v1/public/opinions", api, content_type="application/json")
    assert response.status_code == 400 and "chưa nhận ý kiến" in response.json()["message"]
    assert not WebSubmission.objects.exists()


def test_a_dialogue_already_held_takes_no_more_opinions(demo):
    """002 IV.1, 000 Bước 2: opinions are collected before the conference; afterwards they go to the commune."""
    dialogue = announced()
    assert OpinionForm().fields["dialogue"].queryset.filter(pk=dialogue.pk).exists()
    Dialogue.objects.filter(pk=dialogue.pk).update(status=Status.HELD)
    dialogue.refresh_from_db()
    assert not OpinionForm().fields["dialogue"].queryset.filter(pk=dialogue.pk).exists()
    with pytest.raises(SubmissionError, match="đã diễn ra"):
        sent(dialogue=dialogue)
    assert not WebSubmission.objects.exists()
