"""Found on the H11 walk of /doi-thoai/<id>/: the step explanation read "đồng thời Cùng nghĩa vụ theo …"."""

import datetime

import pytest
from django.utils import translation

from dialogues.schedule import plan_schedule
from regulations.models import RegulationProfile

pytestmark = pytest.mark.django_db


def test_same_duty_of_the_parent_profile_reads_as_one_sentence_002_iv_1_and_003_dieu_8_1(reference):
    """002 IV.1 (5 days) within 003 Điều 8.1 (7 days): the other layer's date is named mid-sentence, in lower case."""
    profile = RegulationProfile.objects.get(code="tan-ky-2025")
    steps = {step.code: step for step in plan_schedule(profile, "periodic", datetime.date(2026, 3, 2))}
    with translation.override("vi"):
        text = steps["announce"].explanation()
    assert "đồng thời cùng nghĩa vụ theo" in text
    assert "Cùng nghĩa vụ theo" not in text
