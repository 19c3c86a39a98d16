"""PDF copies and the dossier ZIP as background jobs: made once, kept, served only to those allowed."""

import datetime
import io
import subprocess
import zipfile

import pytest

from audit.models import SecurityEvent
from documents import render
from documents.issuing import issue
from documents.jobs import PDF_FAILED
from documents.kinds import Kind
from documents.models import IssuedDocument
from jobs.models import Job, JobState
from petitions import casework
from petitions.enums import Channel
from petitions.tests.helpers import agency, field, make_dialogue, person, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def converter(monkeypatch):
    """LibreOffice stand-in: counts its conversions."""
    calls = []

    def to_pdf(docx: bytes) -> bytes:
        calls.append(len(docx))
        return b"%PDF-1.4 ban in"

    monkeypatch.setattr(render, "to_pdf", to_pdf)
    return calls


@pytest.fixture
def party_dialogue(demo):
    """Hồng An's dialogue with Ông Trần Văn Bình's matter assigned to the economic office."""
    dialogue = make_dialogue(venue="Hội trường UBND phường Hồng An")
    staff = user("vanphong")
    opinion = casework.Opinion("Đường ngõ 12 Lê Lợi xuống cấp")
    petition = casework.receive(staff, dialogue.unit, opinion, Channel.FRONT, person(), datetime.date(2026, 11, 2), dialogue)
    casework.classify(petition.case, staff, field("kinh_te"), "within")
    casework.assign(petition.case, staff, agency("ha-pkt"))
    return dialogue


@pytest.fixture
def plan(party_dialogue):
    return issue(Kind.PLAN, user("vanphong"), party_dialogue)


def zips():
    return Job.objects.filter(kind="documents.dossier_zip")


def login(client, username):
    client.force_login(user(username))
    return client


def test_get_offers_the_button_and_writes_nothing(client, plan, converter):
    page = login(client, "vanphong").get(f"/van-ban/tai/{plan.pk}/pdf/")
    assert page.status_code == 200 and 'id="make-pdf"' in page.content.decode()
    assert not Job.objects.exists() and converter == []


def test_the_pdf_is_made_once_and_kept(client, plan, converter):
    login(client, "vanphong")
    response = client.post(f"/van-ban/tai/{plan.pk}/pdf/")
    job = Job.objects.get()
    assert response["Location"] == f"/cong-viec/{job.pk}/tai/"
    assert job.state == JobState.DONE and job.unit == plan.organization.unit
    download = client.get(response["Location"])
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == b"%PDF-1.4 ban in"
    assert job.result_name == "plan-01-KH-ĐU.pdf"
    again = login(client, "canbo").post(f"/van-ban/tai/{plan.pk}/pdf/")  # a colleague of the unit, later
    assert again["Location"] == f"/cong-viec/{job.pk}/tai/"
    assert client.get(f"/van-ban/tai/{plan.pk}/pdf/")["Location"] == f"/cong-viec/{job.pk}/tai/"
    assert len(converter) == 1 and Job.objects.count() == 1


def test_libreoffice_missing_is_a_failed_job_with_its_reason(client, plan, monkeypatch):
    monkeypatch.setattr(render, "soffice", lambda: None)
    response = login(client, "vanphong").post(f"/van-ban/tai/{plan.pk}/pdf/")
    job = Job.objects.get()
    assert response["Location"] == f"/cong-viec/{job.pk}/"
    assert job.state == JobState.FAILED and "chưa cài LibreOffice" in job.message
    page = client.get(response["Location"]).content.decode()
    assert "chưa cài LibreOffice" in page and f"Bản PDF #{job.pk}" in page
    assert not job.result
    assert client.post(f"/van-ban/tai/{plan.pk}/pdf/")["Location"] != response["Location"]  # a retry tries again


def test_a_conversion_error_is_a_failed_job(client, plan, monkeypatch):
    def broken(docx):
        raise subprocess.CalledProcessError(1, "soffice")

    monkeypatch.setattr(render, "to_pdf", broken)
    login(client, "vanphong").post(f"/van-ban/tai/{plan.pk}/pdf/")
    assert Job.objects.get().message == PDF_FAILED


def test_the_pdf_naming_petitioners_is_refused_to_who_may_not_see_them(client, party_dialogue, converter):
    report = issue(Kind.ANSWER_REPORT, user("vanphong"), party_dialogue, agency("ha-pkt"))
    assert login(client, "mattran").post(f"/van-ban/tai/{report.pk}/pdf/").status_code == 403
    assert not Job.objects.exists()
    job_url = login(client, "vanphong").post(f"/van-ban/tai/{report.pk}/pdf/")["Location"]
    assert login(client, "mattran").get(job_url).status_code == 403  # the job's own link checks again
    assert not SecurityEvent.objects.filter(event="download.file", user=user("mattran")).exists()
    assert login(client, "vanphong").get(job_url).status_code == 200


def test_the_dossier_zip_is_a_job_for_its_reader(client, party_dialogue):
    login(client, "vanphong")
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/", {"item": "plan", "action": "generate"})
    assert client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")["Location"].endswith("/ho-so/")
    assert not zips().exists()  # a GET starts nothing
    response = client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")
    job = zips().get()
    assert (job.done, job.total, job.created_by) == (2, 2, user("vanphong"))
    data = b"".join(client.get(response["Location"]).streaming_content)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[0] == "00 - Muc luc ho so.docx" and len(names) == 2
    assert client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")["Location"] == response["Location"]
    page = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/").content.decode()
    assert f"/cong-viec/{job.pk}/tai/" in page
    assert login(client, "canbo").get(response["Location"]).status_code == 403  # built for someone else
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")
    assert zips().count() == 2 and zips().filter(created_by=user("canbo")).exists()


def test_a_changed_dossier_makes_a_new_zip(client, party_dialogue):
    login(client, "vanphong")
    old_zip = client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")["Location"]
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/", {"item": "plan", "action": "generate"})
    assert client.get(old_zip).status_code == 403  # out of date: not served
    assert client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")["Location"].endswith("/ho-so/")
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")
    first, second = zips().order_by("pk")
    assert first.dedupe_key != second.dedupe_key and IssuedDocument.objects.filter(kind=Kind.PLAN).exists()


def test_generating_a_dossier_item_is_a_job(client, party_dialogue):
    login(client, "vanphong")
    response = client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/", {"item": "plan", "action": "generate"}, follow=True)
    job = Job.objects.get(kind="documents.dossier_generate")
    assert job.state == JobState.DONE and job.params == {"dialogue": party_dialogue.pk, "item": "plan"} and not job.result
    assert IssuedDocument.objects.filter(kind=Kind.PLAN).count() == 1
    assert 'data-item="plan" data-status="generated"' in response.content.decode()


def test_a_second_click_while_generating_issues_nothing_more(client, party_dialogue):
    from documents.jobs import generate_key

    waiting = Job.objects.create(
        kind="documents.dossier_generate",
        created_by=user("vanphong"),
        unit=party_dialogue.unit,
        params={"dialogue": party_dialogue.pk, "item": "plan"},
        dedupe_key=generate_key(party_dialogue, "plan"),
    )
    login(client, "vanphong")
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/", {"item": "plan", "action": "generate"})
    assert not IssuedDocument.objects.exists() and Job.objects.get() == waiting
    page = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/").content.decode()
    assert f'hx-get="/cong-viec/{waiting.pk}/trang-thai/?reload=1"' in page


def test_a_refused_generation_shows_its_reason_and_issues_nothing(client, party_dialogue):
    login(client, "vanphong")
    form = {"item": "socio_economic_report", "action": "generate"}
    page = client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/", form, follow=True).content.decode()
    assert "Hệ thống không tự soạn mục này" in page
    assert Job.objects.get().state == JobState.FAILED and not IssuedDocument.objects.exists()
    assert login(client, "canbo").post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/", form).status_code == 403
    assert Job.objects.count() == 1


def test_a_zip_is_not_served_after_the_reader_loses_the_right_to_see_petitioners(client, party_dialogue):
    from organizations.models import Membership

    login(client, "vanphong")
    job_url = client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")["Location"]
    assert client.get(job_url).status_code == 200
    Membership.objects.filter(user=user("vanphong")).update(role="host")  # moved to another post
    assert login(client, "vanphong").get(job_url).status_code == 403
