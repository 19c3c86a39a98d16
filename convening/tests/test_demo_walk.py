"""The demo fills the screens of this round (H11 walk): voters' requests, supervision, opinions.

Found on the walk: /trieu-tap-doi-thoai/, /giam-sat/ and every opinions screen were empty after `load_demo`
although the README describes Tân Kỳ as waiting for the agencies' answers.
"""

import io

import pytest
from django.core.management import call_command

from convening.models import ConveningRequest, VoterCount
from petitions.enums import CaseStatus
from petitions.models import Case, Petition
from supervision.models import Finding, SupervisionPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(reference):
    call_command("load_demo", stdout=io.StringIO())


def test_demo_has_voter_counts_and_a_request_under_luat_72_dieu_43(loaded):
    """Luật 72/2025/QH15 Điều 43: a request is measured against the commune's voter list of its day."""
    assert set(VoterCount.objects.values_list("unit__code", flat=True)) == {"31-HONGAN", "31-GIAVIEN", "31-TANKY"}
    request = ConveningRequest.objects.get(unit__code="31-HONGAN")
    assert request.voters == 18450 and request.threshold == 1845


def test_demo_has_a_supervision_plan_and_a_finding_003_dieu_13_3(loaded):
    plan = SupervisionPlan.objects.get(organization__code="ha-mttq")
    assert list(plan.dialogues.values_list("unit__code", flat=True)) == ["31-HONGAN"]
    assert Finding.objects.filter(organization__code="tk-mttq", dialogue__unit__code="31-TANKY").count() == 1


def test_demo_tan_ky_opinions_wait_for_the_agencies_answers_003_dieu_10_2(loaded):
    cases = Case.objects.filter(unit__code="31-TANKY")
    assert cases.count() == 3
    assert all(case.status == CaseStatus.ASSIGNED and case.due and case.agency for case in cases)
    assert Petition.objects.filter(unit__code="31-HONGAN", petitioner__isnull=False).count() == 2


def test_second_load_writes_nothing(loaded):
    before = (
        VoterCount.objects.count(),
        ConveningRequest.objects.count(),
        SupervisionPlan.objects.count(),
        Finding.objects.count(),
        Petition.objects.count(),
        Case.objects.count(),
    )
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    after = (
        VoterCount.objects.count(),
        ConveningRequest.objects.count(),
        SupervisionPlan.objects.count(),
        Finding.objects.count(),
        Petition.objects.count(),
        Case.objects.count(),
    )
    assert after == before == (3, 1, 1, 1, 5, 5)
    assert "0 dòng được ghi" in out.getvalue()
