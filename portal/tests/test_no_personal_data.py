"""Issue 14's privacy test: opinions sent with a distinctive name, phone, ID and address are taken through
acceptance, answer, the written answer and the conclusion; then every public page and API response is
fetched and none of those details appears in any of them.
"""

import datetime
import io
import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from docx import Document

from common.tests.clock import today_is
from dialogues import lifecycle
from documents.issuing import issue
from documents.kinds import Kind
from petitions import casework
from petitions.casework import PetitionerData
from petitions.enums import Outcome
from petitions.models import Petition
from petitions.tests.helpers import agency, field
from portal import feedback, jobs, submissions
from portal.models import WebSubmission

from .public_helpers import announced, staff

pytestmark = pytest.mark.django_db

NAME = "Khổng Thị Quỳnh Xuyến"
PHONE = "0966135792"
PERSONAL_ID = "079187654321"
ADDRESS = "Số 17 ngách 4 ngõ Hoa Sữa"
EMAIL = "xuyen.khong@example.vn"
ORGANISATION = "Hợp tác xã Rau sạch Bình Minh Xuyến"
SECRETS = [NAME, PHONE, PERSONAL_ID, ADDRESS, EMAIL, ORGANISATION, "Khổng", "Xuyến"]


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_no_public_page_or_api_response_shows_a_petitioner(demo, monkeypatch):
    dialogue = announced(venue="Nhà văn hóa khu phố 3")
    web, api = Client(), Client()
    response = web.post(
        "/gui-y-kien/",
        {
            "unit": dialogue.unit.code,
            "dialogue": dialogue.pk,
            "content": "Đề nghị lắp thêm đèn chiếu sáng ngõ Hoa Sữa",
            "kind": "person",
            "full_name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "address": f"{ADDRESS}, CCCD {PERSONAL_ID}",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    body = {
        "dialogue": dialogue.pk,
        "content": "Đề nghị hỗ trợ tiêu thụ rau cho hợp tác xã",
        "consent": True,
        "petitioner": {
            "kind": "organization",
            "organization_name": ORGANISATION,
            "representative": NAME,
            "phone": PHONE,
            "address": f"{ADDRESS}, CCCD {PERSONAL_ID}",
        },
    }
    assert api.post("/api/v1/public/opinions", json.dumps(body), content_type="application/json").status_code == 201
    sender = PetitionerData("person", NAME, address=ADDRESS, phone=PHONE)
    pending = submissions.submit(dialogue.unit, "Ý kiến còn chờ", sender, consent=True)
    rejected = submissions.submit(dialogue.unit, "Quảng cáo", sender, consent=True)
    submissions.reject(rejected, staff(), "spam")
    codes = [submission.code for submission in WebSubmission.objects.order_by("id")]

    # Through acceptance, classification, assignment, answer, approval and the written answer.
    for submission in WebSubmission.objects.filter(status="pending").exclude(pk=pending.pk):
        petition = submissions.accept(submission, staff())
        assert petition.petitioner.phone == PHONE  # the details were kept, for staff
        casework.classify(petition.case, staff(), field("kinh_te"), "within")
        case = casework.assign(petition.case, staff(), agency(), datetime.date(2027, 4, 20))
        casework.draft_answer(case, user("canbo"), Outcome.RESOLVED, "Phường đã đưa vào kế hoạch quý II/2027.")
        casework.approve(case, user("lanhdao"))
        answer = issue(Kind.WRITTEN_ANSWER, staff(), dialogue, Petition.objects.get(pk=petition.pk))
    # The citizen says the last answer did not settle it: a follow-up opinion (its reason is public to its holder).
    follow_up = feedback.give(petition.tracking_code, False, "Đèn đã lắp nhưng chưa sáng")
    codes.append(follow_up.tracking_code)
    # Staff record one more, typing the petitioner's name and phone into the matter itself.
    typed = PetitionerData("person", NAME, address=ADDRESS, phone=PHONE, email=EMAIL)
    opinion = casework.Opinion(f"Bà {NAME} (số {PHONE}) đề nghị nạo vét mương ngõ Hoa Sữa")
    casework.receive(staff(), dialogue.unit, opinion, "front", typed, None, dialogue)
    # The dialogue is held and its conclusion notice issued (published on the portal the same day).
    today_is(monkeypatch, dialogue.date)
    lifecycle.hold(dialogue, staff(), dialogue.date)
    issue(Kind.CONCLUSION, staff(), dialogue)
    docx = jobs.public_docx(dialogue)

    unit = dialogue.unit.code
    urls = ["/", "/lich-doi-thoai/", f"/lich-doi-thoai/?xa={unit}", f"/lich-doi-thoai/{dialogue.pk}/"]
    urls += [f"/lich-doi-thoai/{unit}.ics", "/gui-y-kien/", f"/gui-y-kien/?don-vi={unit}&hoi-nghi={dialogue.pk}"]
    urls += ["/api/v1/public/dialogues", f"/api/v1/public/dialogues?unit={unit}", "/api/v1/openapi.json"]
    urls += ["/ket-luan/", f"/ket-luan/?xa={unit}", f"/ket-luan/{dialogue.pk}/", f"/ket-luan/{dialogue.pk}/ban-pdf/"]
    urls += ["/api/v1/public/conclusions", f"/api/v1/public/conclusions/{dialogue.pk}"]
    for code in codes:
        urls += [f"/tra-cuu/?ma={code}", f"/y-kien/tra-cuu/?ma={code}", f"/api/v1/public/opinions/{code}"]
        urls += [f"/gui-y-kien/bien-nhan/{code}/"] if code != follow_up.tracking_code else []
    visitor = Client()
    shown = {}
    for url in urls:
        response = visitor.get(url, follow=True)
        assert response.status_code == 200, url
        shown[url] = response.content.decode()
    shown["public DOCX of the conclusion"] = "".join(
        Document(io.BytesIO(docx)).element.body.itertext()  # paragraphs and tables alike
    )
    for url, text in shown.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret} appears on {url}"
    # The pages did show what they are for: the answer, its document, the reason, the venue.
    assert answer.symbol and answer.symbol in shown[f"/tra-cuu/?ma={codes[1]}"]  # the last written answer issued
    assert "Phường đã đưa vào kế hoạch quý II/2027." in shown[f"/api/v1/public/opinions/{codes[1]}"]
    assert "Thư rác" in shown[f"/tra-cuu/?ma={rejected.code}"]
    assert "Nhà văn hóa khu phố 3" in shown[f"/lich-doi-thoai/{dialogue.pk}/"]
    assert "đề nghị nạo vét mương ngõ Hoa Sữa" in shown[f"/ket-luan/{dialogue.pk}/"]  # the matter, without who
    assert "Đèn đã lắp nhưng chưa sáng" not in shown[f"/ket-luan/{dialogue.pk}/"]  # a follow-up is not the dialogue's
    assert follow_up.tracking_code in shown[f"/tra-cuu/?ma={petition.tracking_code}"]
