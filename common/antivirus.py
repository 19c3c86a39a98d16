"""Virus scan of uploads through ClamAV's clamd daemon (INSTREAM over a unix socket or TCP).

The protocol is four commands long, so it is written here (about forty lines) instead of adding the
unmaintained `clamd` package. Settings: CLAMD_SOCKET (a unix socket path) or CLAMD_ADDRESS
("host:port"), CLAMD_TIMEOUT (seconds). Not configured: uploads are accepted and status() says so.
Configured but unreachable: uploads are refused (fail closed).
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

from django.conf import settings

CHUNK = 64 * 1024


class ScanError(Exception):
    """clamd could not be reached or answered something unexpected."""


@dataclass(frozen=True)
class Status:
    state: str  # "off", "ok" or "error"
    message: str

    def __str__(self) -> str:
        return self.message


def configured() -> bool:
    return bool(getattr(settings, "CLAMD_SOCKET", "") or getattr(settings, "CLAMD_ADDRESS", ""))


def _connect(timeout: float | None = None) -> socket.socket:
    timeout = timeout or float(getattr(settings, "CLAMD_TIMEOUT", 30))
    path = getattr(settings, "CLAMD_SOCKET", "")
    try:
        if path:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(timeout)
            connection.connect(path)
            return connection
        host, _, port = settings.CLAMD_ADDRESS.rpartition(":")
        return socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout)
    except (OSError, ValueError) as error:
        raise ScanError(f"không kết nối được máy quét virus ({error.__class__.__name__})") from error


def _command(command: bytes, payload: bytes | None = None, timeout: float | None = None) -> str:
    """Send one z-command (NUL-terminated), stream the payload if any, return the reply without the NUL."""
    with _connect(timeout) as connection:
        try:
            connection.sendall(b"z" + command + b"\0")
            if payload is not None:
                for start in range(0, len(payload), CHUNK):
                    chunk = payload[start : start + CHUNK]
                    connection.sendall(struct.pack("!L", len(chunk)) + chunk)
                connection.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = connection.recv(4096)
                if not part:
                    break
                reply += part
        except OSError as error:
            raise ScanError(f"máy quét virus không trả lời ({error.__class__.__name__})") from error
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan(content: bytes) -> str | None:
    """The virus name when clamd finds one, None when clean; ScanError when it cannot tell."""
    reply = _command(b"INSTREAM", content)
    if reply.endswith("OK"):
        return None
    if reply.endswith("FOUND"):
        return reply.removeprefix("stream:").removesuffix("FOUND").strip()
    raise ScanError(f"máy quét virus báo lỗi: {reply[:200]}")


def check(content: bytes) -> None:
    """Refuse infected content (UploadRejected); do nothing when no scanner is configured."""
    from .uploads import UploadRejected

    if not configured():
        return
    try:
        virus = scan(content)
    except ScanError as error:
        raise UploadRejected(f"Chưa quét được virus cho tệp này ({error}); tệp chưa được nhận, hãy thử lại sau.") from error
    if virus:
        raise UploadRejected(f"Tệp có virus ({virus}); không nhận.")


def status() -> Status:
    """For the health and template pages: is the scanner configured and answering?"""
    if not configured():
        return Status("off", "Chưa cấu hình quét virus (CLAMD_SOCKET/CLAMD_ADDRESS): tệp chỉ được kiểm tra loại và kích thước.")
    try:
        reply = _command(b"PING", timeout=3)  # a page showing the status must not hang on a stuck scanner
    except ScanError as error:
        return Status("error", f"Quét virus đã cấu hình nhưng {error}; tệp tải lên đang bị từ chối.")
    if reply != "PONG":
        return Status("error", f"Máy quét virus trả lời lạ: {reply[:100]}")
    return Status("ok", "Quét virus ClamAV đang hoạt động.")
