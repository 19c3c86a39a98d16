"""Every file the project hands out goes through here: always a download, never shown inline.

`Content-Disposition: attachment` (with an RFC 5987 `filename*` for Vietnamese names) and
`X-Content-Type-Options: nosniff` mean an uploaded HTML or SVG can never run in our origin; the CSP
sandbox header is a second lock should a browser open it anyway.
"""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from .uploads import KINDS, clean_name


def content_type_for(filename: str) -> str:
    """The type of a stored file by its extension (set by check_upload from the content); else binary."""
    lowered = filename.lower()
    return next((kind[0] for kind in KINDS.values() if lowered.endswith(kind[1])), "application/octet-stream")


def attachment_response(content, filename: str, content_type: str) -> HttpResponse:
    """A download of bytes (HttpResponse) or of an open file (streamed FileResponse, closed by Django)."""
    name = clean_name(filename)
    if isinstance(content, bytes | bytearray):
        response = HttpResponse(bytes(content), content_type=content_type)
        response["Content-Length"] = str(len(content))
    else:
        response = FileResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
