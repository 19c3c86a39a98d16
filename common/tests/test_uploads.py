"""The one upload check: the content decides the type, Office ZIPs are bounded, names are cleaned."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import ATTACHMENTS, SCANS, TABLES, TEMPLATES, UploadRejected, check_upload, clean_name

from . import files


@pytest.mark.parametrize(
    "content, name, kind",
    [
        (files.PDF, "don-de-nghi.pdf", "pdf"),
        (files.PNG, "anh-hien-truong.png", "png"),
        (files.JPEG, "anh.jpg", "jpeg"),
        (files.docx(), "van-ban.docx", "docx"),
        (files.xlsx(), "danh-sach.xlsx", "xlsx"),
    ],
)
def test_real_files_are_accepted_with_their_kind(content, name, kind):
    checked = check_upload(SimpleUploadedFile(name, content), allowed=ATTACHMENTS)
    assert (checked.kind, checked.name, checked.content, checked.size) == (kind, name, content, len(content))


def test_an_exe_named_pdf_is_refused():
    with pytest.raises(UploadRejected, match="không phải loại được nhận"):
        check_upload(SimpleUploadedFile("don.pdf", files.EXE), allowed=ATTACHMENTS)


def test_html_named_png_is_refused():
    with pytest.raises(UploadRejected, match="không phải loại được nhận"):
        check_upload(SimpleUploadedFile("anh.png", files.HTML), allowed=ATTACHMENTS)


def test_a_kind_outside_the_allow_list_is_refused():
    with pytest.raises(UploadRejected, match="PDF, PNG, JPEG"):
        check_upload(files.docx(), allowed=SCANS, name="scan.pdf")
    with pytest.raises(UploadRejected):
        check_upload(files.xlsx(), allowed=TEMPLATES, name="mau.docx")


def test_the_content_decides_the_extension():
    assert check_upload(files.PNG, allowed=ATTACHMENTS, name="anh.pdf").name == "anh.png"
    assert check_upload(files.PDF, allowed=ATTACHMENTS, name="khong-duoi").name == "khong-duoi.pdf"


def test_a_zip_bomb_docx_is_refused():
    bomb = files.office_zip(inflated=200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024, "small on the wire"
    with pytest.raises(UploadRejected, match="giải nén quá lớn"):
        check_upload(bomb, allowed=TEMPLATES, name="mau.docx")


def test_an_office_file_with_too_many_members_is_refused(settings):
    settings.UPLOAD_MAX_MEMBERS = 50
    assert check_upload(files.office_zip(members=10), allowed=TEMPLATES, name="mau.docx").kind == "docx"
    with pytest.raises(UploadRejected, match="quá nhiều thành phần"):
        check_upload(files.office_zip(members=60), allowed=TEMPLATES, name="mau.docx")


def test_a_macro_document_is_refused():
    macro = files.office_zip(main="application/vnd.ms-word.document.macroEnabled.main+xml")
    with pytest.raises(UploadRejected, match="macro"):
        check_upload(macro, allowed=TEMPLATES, name="mau.docx")


def test_a_zip_that_is_not_office_is_refused():
    with pytest.raises(UploadRejected, match="không phải loại được nhận"):
        check_upload(files.office_zip(main="application/zip"), allowed=ATTACHMENTS, name="nen.docx")


def test_size_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = files.PDF + b"0" * (1024 * 1024)
    with pytest.raises(UploadRejected, match="lớn hơn 1 MB"):
        check_upload(SimpleUploadedFile("lon.pdf", big), allowed=SCANS)
    with pytest.raises(UploadRejected, match="lớn hơn 2 MB"):
        check_upload(files.PDF + b"0" * (3 * 1024 * 1024), allowed=SCANS, max_bytes=2 * 1024 * 1024, name="a.pdf")


def test_empty_file_is_refused():
    with pytest.raises(UploadRejected, match="trống"):
        check_upload(SimpleUploadedFile("rong.pdf", b""), allowed=SCANS)


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\..\\windows\\don.pdf", "/var/lib/don.pdf", ".."])
def test_a_path_in_the_name_is_refused(name):
    with pytest.raises(UploadRejected, match="đường dẫn"):
        check_upload(files.PDF, allowed=SCANS, name=name)


def test_names_keep_vietnamese_and_lose_control_and_special_characters():
    assert clean_name("Đơn kiến nghị của bà Lê Thị Hồng.pdf") == "Đơn kiến nghị của bà Lê Thị Hồng.pdf"
    assert clean_name("don\x00\r\n<script>.pdf") == "don_script_.pdf"
    assert clean_name("  .hidden.pdf") == "hidden.pdf"
    assert clean_name("Đo\u0302n.pdf") == "Đơn.pdf".replace("ơ", "ô"), "decomposed letters are composed (NFC)"
    long = clean_name("a" * 300 + ".pdf")
    assert len(long) == 120 and long.endswith(".pdf")


def test_csv_must_be_utf8_text():
    text = "Họ và tên,Số điện thoại\nTrần Văn Bình,0912345678\n".encode()
    assert check_upload(text, allowed=TABLES, name="ds.csv").kind == "csv"
    assert check_upload(b"\xef\xbb\xbf" + text, allowed=TABLES, name="ds.csv").kind == "csv"
    for bad in [b"Tr\xe0n V\xe3n B\xecnh,09\n", b"a,b\n\x00\x00", files.HTML]:
        with pytest.raises(UploadRejected):
            check_upload(bad, allowed=TABLES, name="ds.csv")
    assert check_upload(files.xlsx(), allowed=TABLES, name="ds.xlsx").kind == "xlsx"
