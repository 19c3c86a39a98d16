"""Opinion attachments (issue 9, finding 7): checked by content, refused files write nothing, served as downloads."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.tests import files
from petitions.models import Attachment, Petition

from .helpers import hong_an, user

pytestmark = pytest.mark.django_db


def intake(client, upload):
    client.force_login(user("vanphong"))
    data = {
        "unit": hong_an().pk,
        "channel": "letter",
        "received_on": "2026-11-02",
        "content": "Đề nghị nạo vét cống ngõ 5 Trần Phú",
        "kind": "person",
        "full_name": "Đỗ Thị Hạnh",
        "attachment": upload,
    }
    return client.post("/y-kien/tiep-nhan/", data)


@pytest.mark.parametrize(
    "name, content",
    [
        ("don.pdf", files.EXE),
        ("anh.png", files.HTML),
        ("bien-ban.docx", files.office_zip(inflated=200 * 1024 * 1024)),
    ],
    ids=["exe-as-pdf", "html-as-png", "zip-bomb-docx"],
)
def test_bad_attachments_are_refused_and_nothing_is_written(client, demo, name, content):
    response = intake(client, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert "không phải loại được nhận" in response.content.decode() or "không nhận" in response.content.decode()
    assert not Petition.objects.exists() and not Attachment.objects.exists()


def test_a_real_pdf_is_kept_under_a_clean_name_and_served_as_a_download(client, demo):
    response = intake(client, SimpleUploadedFile("Đơn của bà Hạnh <bản chụp>.pdf", files.PDF))
    assert response.status_code == 302
    stored = Attachment.objects.get()
    assert stored.name == "Đơn của bà Hạnh _bản chụp_.pdf"
    download = client.get(f"/y-kien/vu-viec/{stored.petition.case_id}/tep/{stored.pk}/")
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"
    assert f"attachment; filename*=utf-8''{quote(stored.name)}" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == files.PDF


def test_a_path_in_the_name_never_reaches_the_disk(client, demo):
    """Django's parser already keeps only the last part; the upload check refuses any path left (common tests)."""
    assert intake(client, SimpleUploadedFile("..\\..\\..\\settings.pdf", files.PDF)).status_code == 302
    stored = Attachment.objects.get()
    assert stored.name == "settings.pdf" and ".." not in stored.file.name
