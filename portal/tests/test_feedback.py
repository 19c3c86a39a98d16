"""FixMyStreet's "has it been fixed?" on the tracking page: after the answer the holder of the code says whether it
settled the matter; "not settled" with a reason becomes a follow-up opinion linked to the first (000 §7 item 11).
"""

import pytest
from django.urls import reverse

from petitions.enums import Channel
from petitions.models import CaseEvent, Feedback, Petition
from portal import feedback

from .conclusion_helpers import SECRETS, D, answer, concluded, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(demo, monkeypatch):
    """The petition the Phòng Kinh tế answered on 05/04/2027."""
    _dialogue, opinions = concluded(monkeypatch)
    answer(opinions[1], monkeypatch, D(2027, 4, 5))
    return Petition.objects.get(pk=opinions[1].pk)


def post(client, code: str, settled: str, reason: str = "", **extra):
    return client.post(reverse("portal:feedback"), {"ma": code, "settled": settled, "reason": reason}, **extra)


def test_the_tracking_page_asks_after_the_answer(client, answered):
    html = client.get(reverse("portal:track"), {"ma": answered.tracking_code}).content.decode()
    assert 'id="feedback"' in html and "Câu trả lời đã giải quyết được vấn đề của bạn chưa?" in html
    for secret in SECRETS:
        assert secret not in html


def test_settled_is_recorded_once(client, answered):
    response = post(client, answered.tracking_code, "yes")
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.feedback == Feedback.SETTLED and answered.feedback_on == D(2027, 4, 5)
    assert CaseEvent.objects.filter(case=answered.case, action="citizen_settled").count() == 1
    html = client.get(response["Location"]).content.decode()
    assert "giải quyết xong vấn đề. Cảm ơn bạn." in html and 'id="feedback"' not in html
    again = post(client, answered.tracking_code, "no", "Vẫn chưa có đèn")
    assert again.status_code == 400 and "chỉ phản hồi một lần" in again.content.decode()
    answered.refresh_from_db()
    assert answered.feedback == Feedback.SETTLED and not answered.follow_ups.exists(), "nothing written"


def test_not_settled_becomes_a_follow_up_opinion_000_s7_item_11(client, answered):
    """000 §7 item 11: follow-up petitions after the answer are compiled; staff see them on the matter's page."""
    response = post(client, answered.tracking_code.lower(), "no", "Đã hết tháng 4 mà ngõ vẫn chưa có đèn")
    assert response.status_code == 302
    follow_up = Petition.objects.get(follow_up_of=answered)
    assert follow_up.content == "Đã hết tháng 4 mà ngõ vẫn chưa có đèn" and follow_up.channel == Channel.WEB_FORM
    assert follow_up.petitioner_id == answered.petitioner_id and follow_up.unit_id == answered.unit_id
    event = CaseEvent.objects.get(case=answered.case, action="citizen_not_settled")
    assert follow_up.tracking_code in event.reason
    assert CaseEvent.objects.filter(case=answered.case, action="follow_up").exists()
    html = client.get(response["Location"]).content.decode()
    assert follow_up.tracking_code in html
    for secret in SECRETS:
        assert secret not in html
    client.force_login(user("vanphong"))
    case_page = client.get(f"/y-kien/vu-viec/{answered.case_id}/").content.decode()
    assert "chưa giải quyết được vấn đề" in case_page and follow_up.tracking_code in case_page


def test_reports_count_the_answers(answered, monkeypatch):
    feedback.give(answered.tracking_code, False, "Chưa có đèn")
    assert feedback.counts(Petition.objects.all()) == {"settled": 0, "not_settled": 1}
    assert feedback.counts(Petition.objects.all(), start=D(2027, 4, 6)) == {"settled": 0, "not_settled": 0}


def test_not_settled_needs_a_reason_and_nothing_is_written(client, answered):
    response = post(client, answered.tracking_code, "no", "")
    assert response.status_code == 400 and "vì sao" in response.content.decode()
    answered.refresh_from_db()
    assert answered.feedback == "" and not Petition.objects.filter(follow_up_of__isnull=False).exists()


def test_no_feedback_before_the_answer(client, demo, monkeypatch):
    _dialogue, opinions = concluded(monkeypatch)
    waiting = opinions[1]
    html = client.get(reverse("portal:track"), {"ma": waiting.tracking_code}).content.decode()
    assert 'id="feedback"' not in html
    response = post(client, waiting.tracking_code, "yes")
    assert response.status_code == 400 and "sau khi ý kiến đã có câu trả lời" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.feedback == "" and not CaseEvent.objects.filter(action__startswith="citizen_").exists()


def test_unknown_code_and_bad_choice_are_400_without_a_write(client, answered):
    assert post(client, "YK-KHONGCO1", "yes").status_code in (400, 404)
    assert post(client, answered.tracking_code, "co-le").status_code == 400
    assert not Petition.objects.exclude(feedback="").exists()


def test_feedback_is_rate_limited_per_address(client, answered, settings):
    settings.RATELIMIT_PUBLIC_OPINION = "2/m"
    post(client, "YK-KHONGCO1", "yes")
    post(client, "YK-KHONGCO2", "yes")
    assert post(client, answered.tracking_code, "yes").status_code == 429
    answered.refresh_from_db()
    assert answered.feedback == ""


def test_the_api_tells_the_feedback(client, answered):
    feedback.give(answered.tracking_code, True)
    data = client.get(f"/api/v1/public/opinions/{answered.tracking_code}").json()
    assert data["feedback"] == "settled" and data["may_give_feedback"] is False and data["follow_up"] == ""
