"""Document screens and their permissions: draft, issue, download, register, templates, dossier, ZIP."""

import io
import zipfile

import pytest
from docx import Document

from documents.layout import default_template
from documents.models import DocumentTemplate, IssuedDocument
from petitions.tests.helpers import user

from .test_documents import party_dialogue, texts  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(user(username))
    return client


def test_draft_has_no_number_and_issue_takes_one(client, party_dialogue):  # noqa: F811
    login(client, "vanphong")
    response = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/du-thao/plan/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Số ……" in texts(Document(io.BytesIO(response.content)))
    assert not IssuedDocument.objects.exists()
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ban-hanh/plan/")
    document = IssuedDocument.objects.get()
    assert document.symbol == "01-KH/ĐU"
    download = client.get(f"/van-ban/tai/{document.pk}/")
    assert b"".join(download.streaming_content).startswith(b"PK")
    assert "01-KH/ĐU" in client.get("/van-ban/so-dang-ky/").content.decode()


def test_only_the_advising_office_issues(client, party_dialogue):  # noqa: F811
    assert login(client, "canbo").post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ban-hanh/plan/").status_code == 403
    assert login(client, "canbo").get(f"/van-ban/doi-thoai/{party_dialogue.pk}/du-thao/plan/").status_code == 200


def test_other_units_cannot_download(client, party_dialogue):  # noqa: F811
    login(client, "vanphong").post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ban-hanh/plan/")
    document = IssuedDocument.objects.get()
    from organizations.models import Membership, Organization

    stranger = user("canbo")
    Membership.objects.filter(user=stranger).update(organization=Organization.objects.get(code="tk-pkt"))
    assert login(client, "canbo").get(f"/van-ban/tai/{document.pk}/").status_code == 404


def test_template_upload_page(client, party_dialogue):  # noqa: F811
    login(client, "quantri")
    assert client.get("/van-ban/mau/").status_code == 200
    from organizations.models import Organization

    committee = Organization.objects.get(code="ha-danguy")
    upload = io.BytesIO(default_template("party"))
    upload.name = "mau.docx"
    client.post("/van-ban/mau/", {"organization": committee.pk, "kind": "plan", "file": upload})
    assert DocumentTemplate.objects.filter(organization=committee, kind="plan").exists()
    broken = io.BytesIO(b"khong phai docx")
    broken.name = "hong.docx"
    response = client.post("/van-ban/mau/", {"organization": committee.pk, "kind": "invitation", "file": broken}, follow=True)
    assert not DocumentTemplate.objects.filter(kind="invitation").exists()
    assert 'class="error"' in response.content.decode()
    assert login(client, "canbo").get("/van-ban/mau/").status_code == 403


def test_dossier_page_generate_and_zip(client, party_dialogue):  # noqa: F811
    login(client, "vanphong")
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/", {"item": "plan", "action": "generate"})
    page = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/").content.decode()
    assert 'data-item="plan" data-status="generated"' in page and "1 / 14" not in page
    job_download = client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so.zip")["Location"]  # a background job
    response = client.get(job_download)
    data = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(data)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[0] == "00 - Muc luc ho so.docx" and len(names) == 2
    assert (
        login(client, "canbo")
        .post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ho-so/", {"item": "plan", "action": "generate"})
        .status_code
        == 403
    )


def test_written_answer_from_the_matter_page(client, party_dialogue):  # noqa: F811
    from petitions import casework

    case = party_dialogue.cases.get()
    casework.draft_answer(case, user("canbo"), "resolved", "Đã sửa xong ngõ 12.")
    casework.approve(case, user("lanhdao"))
    petition = case.petitions.get()
    login(client, "canbo")
    letter = client.get(f"/van-ban/tra-loi/{petition.pk}/")
    assert "Kính gửi: Ông/Bà Trần Văn Bình" in texts(Document(io.BytesIO(letter.content)))
    client.post(f"/van-ban/tra-loi/{petition.pk}/")
    assert IssuedDocument.objects.get(kind="written_answer").symbol == "01/CV-KTHTĐT"
    assert login(client, "mattran").post(f"/van-ban/tra-loi/{petition.pk}/").status_code == 403
