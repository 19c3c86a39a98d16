"""The clamd client against a tiny fake clamd on a temporary unix socket (INSTREAM and PING)."""

from __future__ import annotations

import shutil
import socket
import struct
import tempfile
import threading
from pathlib import Path

import pytest

from common import antivirus
from common.uploads import ATTACHMENTS, UploadRejected, check_upload

from . import files

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd:
    """Answers PING with PONG and INSTREAM with OK, or FOUND when the stream holds the EICAR string."""

    def __init__(self, path: str) -> None:
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(4)
        self.streams: list[bytes] = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def _read(self, connection: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            part = connection.recv(size - len(data))
            if not part:
                raise ConnectionError
            data += part
        return data

    def serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                command = b""
                while not command.endswith(b"\0"):
                    command += connection.recv(1)
                if command == b"zPING\0":
                    connection.sendall(b"PONG\0")
                    continue
                stream = b""
                while length := struct.unpack("!L", self._read(connection, 4))[0]:
                    stream += self._read(connection, length)
                self.streams.append(stream)
                found = b"stream: Eicar-Test-Signature FOUND\0" if EICAR in stream else b"stream: OK\0"
                connection.sendall(found)

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def clamd(settings):
    folder = tempfile.mkdtemp(prefix="clamd", dir="/tmp")  # unix socket paths must be short
    path = str(Path(folder) / "clamd.sock")
    server = FakeClamd(path)
    settings.CLAMD_SOCKET, settings.CLAMD_ADDRESS, settings.CLAMD_TIMEOUT = path, "", 5
    yield server
    server.close()
    shutil.rmtree(folder)


def test_clean_file_passes_and_is_streamed_whole(clamd):
    content = files.PDF + b"x" * (200 * 1024)  # more than one 64 KB chunk
    assert check_upload(content, allowed=ATTACHMENTS, name="don.pdf").kind == "pdf"
    assert clamd.streams == [content]


def test_infected_file_is_refused(clamd):
    with pytest.raises(UploadRejected, match="có virus \\(Eicar-Test-Signature\\)"):
        check_upload(files.PDF + EICAR, allowed=ATTACHMENTS, name="don.pdf")


def test_status_when_running(clamd):
    assert antivirus.status().state == "ok"


def test_not_configured_accepts_and_says_so(settings):
    settings.CLAMD_SOCKET, settings.CLAMD_ADDRESS = "", ""
    assert check_upload(files.PDF + EICAR, allowed=ATTACHMENTS, name="don.pdf").kind == "pdf"
    status = antivirus.status()
    assert status.state == "off" and "Chưa cấu hình quét virus" in str(status)


def test_configured_but_unreachable_refuses(settings, tmp_path):
    settings.CLAMD_SOCKET, settings.CLAMD_TIMEOUT = str(tmp_path / "khong-co.sock"), 1
    with pytest.raises(UploadRejected, match="Chưa quét được virus"):
        check_upload(files.PDF, allowed=ATTACHMENTS, name="don.pdf")
    assert antivirus.status().state == "error"


def test_tcp_address_is_used_when_no_socket(settings):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    settings.CLAMD_SOCKET, settings.CLAMD_ADDRESS, settings.CLAMD_TIMEOUT = "", f"127.0.0.1:{port}", 5

    def answer():
        connection, _ = server.accept()
        with connection:
            connection.recv(64)
            connection.sendall(b"PONG\0")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    assert antivirus.status().state == "ok"
    thread.join(5)
    server.close()
