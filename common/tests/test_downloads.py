"""Every download is an attachment with nosniff, and Vietnamese names survive (RFC 5987)."""

from __future__ import annotations

import io
from urllib.parse import quote

from common.downloads import attachment_response, content_type_for

from . import files


def test_bytes_download_headers():
    response = attachment_response(files.PDF, "Đơn kiến nghị.pdf", "application/pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"filename*=utf-8''{quote('Đơn kiến nghị.pdf')}" in response["Content-Disposition"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert response.content == files.PDF


def test_file_download_is_streamed_with_the_same_headers():
    response = attachment_response(io.BytesIO(files.PNG), "anh.png", "image/png")
    assert response["Content-Disposition"] == 'attachment; filename="anh.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == files.PNG


def test_a_name_cannot_break_the_header():
    response = attachment_response(b"x", 'a"\r\nSet-Cookie: x=1.pdf', "application/pdf")
    assert "\n" not in response["Content-Disposition"] and "Set-Cookie:" not in response["Content-Disposition"]


def test_content_type_by_extension():
    assert content_type_for("scan.PDF") == "application/pdf"
    assert content_type_for("anh.jpeg") == "image/jpeg"
    assert content_type_for("trang.html") == "application/octet-stream"
