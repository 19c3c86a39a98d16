"""The public hall screen (conference/projector.py) is linked from the portal's dialogue page on the conference day."""

import datetime

import pytest
from django.urls import reverse

from common.tests.clock import today_is
from conference import projector
from dialogues.tests.factories import FAR

from .public_helpers import announced

pytestmark = pytest.mark.django_db


def test_the_dialogue_page_links_the_hall_screen_on_the_day(client, demo, monkeypatch):
    dialogue = announced()
    url = reverse("portal:dialogue", args=[dialogue.pk])
    today_is(monkeypatch, FAR - datetime.timedelta(days=1))
    assert 'id="hall-link"' not in client.get(url).content.decode(), "not before the day"
    today_is(monkeypatch, FAR)
    html = client.get(url).content.decode()
    assert 'id="hall-link"' in html and projector.url(dialogue.pk) in html
    hall = client.get(projector.url(dialogue.pk))
    assert hall.status_code == 200 and dialogue.title in hall.content.decode()
    today_is(monkeypatch, FAR + datetime.timedelta(days=1))
    assert 'id="hall-link"' not in client.get(url).content.decode(), "not after the day"
