"""One archive holds everything needed to bring a site back: the database, every media file, a manifest.

Archive (`.tar.gz`): `manifest.json` (format, engine, time, row count per table, SHA-256 of every member),
`database.dump` (pg_dump custom format) or `database.sqlite3` (SQLite's online backup), and `media/...`.
Restoring checks every checksum before touching anything, refuses a database or media folder that is not
empty, restores, then compares the row count of every table with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"


@dataclass
class Summary:
    archive: Path
    tables: int
    rows: int
    files: int


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def engine(using: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[using].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise CommandError(f"Chỉ sao lưu được PostgreSQL hoặc SQLite (cơ sở dữ liệu đang dùng: {vendor}).")
    return vendor


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows in every table of the database (what a restore must give back)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from introspection)
            counts[table] = cursor.fetchone()[0]
    return counts


def media_root() -> Path:
    backend = settings.STORAGES["default"]["BACKEND"]
    if "FileSystemStorage" not in backend:
        raise CommandError(
            "Tệp đính kèm đang nằm trên kho lưu trữ đối tượng (S3): hãy sao lưu kho đó bằng công cụ của nhà cung cấp "
            "(bật phiên bản hóa đối tượng); lệnh này chỉ sao lưu tệp trên đĩa."
        )
    return Path(settings.MEDIA_ROOT)


def _pg_args(using: str) -> tuple[list[str], dict[str, str]]:
    db = connections[using].settings_dict  # (in tests: the test database)
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    if not shutil.which(command[0]):
        raise CommandError(f"Không tìm thấy chương trình {command[0]}: hãy cài gói postgresql-client cùng phiên bản máy chủ.")
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise CommandError(f"{command[0]} báo lỗi: {done.stderr.strip()[-2000:]}")


def _dump_database(target: Path, using: str) -> str:
    kind = engine(using)
    if kind == "postgresql":
        args, env = _pg_args(using)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target / "database.dump"), *args], env)
        return "database.dump"
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target / "database.sqlite3")
    try:
        connection.connection.backup(destination)  # SQLite's online backup: consistent while the site runs
    finally:
        destination.close()
    return "database.sqlite3"


def create_backup(archive: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the archive (database, media, manifest with checksums); returns what it holds."""
    media = media_root()
    counts = row_counts(using)
    with tempfile.TemporaryDirectory(prefix="doithoai-backup-") as folder:
        work = Path(folder)
        database_member = _dump_database(work, using)
        checksums = {database_member: sha256_file(work / database_member)}
        media_files = sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []
        for path in media_files:
            checksums[f"media/{path.relative_to(media).as_posix()}"] = sha256_file(path)
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "engine": engine(using),
            "database": database_member,
            "row_counts": counts,
            "files": checksums,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / database_member, arcname=database_member)
            for path in media_files:
                tar.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
        partial.replace(archive)  # a crash never leaves a half archive under the final name
    return Summary(archive, len(counts), sum(counts.values()), len(media_files))


def _extract_verified(archive: Path, work: Path) -> dict:
    """Unpack into `work` and check every checksum of the manifest; nothing outside `work` is written."""
    if not archive.is_file():
        raise CommandError(f"Không tìm thấy tệp sao lưu {archive}.")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")  # refuses absolute paths, "..", links outside
    except (tarfile.TarError, OSError) as error:
        raise CommandError(f"Tệp sao lưu hỏng hoặc không đúng định dạng: {error}") from None
    try:
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CommandError("Tệp sao lưu không có bản kê (manifest.json) hợp lệ.") from None
    if manifest.get("format") != FORMAT:
        raise CommandError("Tệp sao lưu có định dạng khác phiên bản này.")
    for member, expected in manifest["files"].items():
        path = work / member
        if not path.is_file() or sha256_file(path) != expected:
            raise CommandError(f"Tổng kiểm (SHA-256) không khớp: {member}. Không khôi phục gì.")
    return manifest


def _check_empty(using: str, media: Path) -> None:
    with connections[using].cursor() as cursor:
        tables = connections[using].introspection.table_names(cursor)
    if tables:
        raise CommandError(
            f"Cơ sở dữ liệu đích đã có {len(tables)} bảng: chỉ khôi phục vào một cơ sở dữ liệu trống "
            "(tạo cơ sở dữ liệu mới, không chạy migrate trước)."
        )
    if media.exists() and any(media.iterdir()):
        raise CommandError(f"Thư mục tệp đính kèm {media} không trống: chỉ khôi phục vào một thư mục trống.")


def _restore_database(work: Path, manifest: dict, using: str) -> None:
    if manifest["engine"] == "postgresql":
        args, env = _pg_args(using)
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(work / manifest["database"])], env)
        return
    connection = connections[using]
    connection.ensure_connection()
    source = sqlite3.connect(work / manifest["database"])
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def restore_backup(archive: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Restore into an empty database and media folder, then check the row counts against the manifest."""
    media = media_root()
    with tempfile.TemporaryDirectory(prefix="doithoai-restore-") as folder:
        work = Path(folder)
        manifest = _extract_verified(archive, work)
        if manifest["engine"] != engine(using):
            raise CommandError(
                f"Bản sao lưu là {manifest['engine']}, cơ sở dữ liệu đích là {engine(using)}: phải cùng loại."
            )
        _check_empty(using, media)
        _restore_database(work, manifest, using)
        media.mkdir(parents=True, exist_ok=True)
        files = 0
        for member, expected in manifest["files"].items():
            if not member.startswith("media/"):
                continue
            target = media / member.removeprefix("media/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / member, target)
            if sha256_file(target) != expected:
                raise CommandError(f"Tệp {target} chép ra không khớp tổng kiểm.")
            files += 1
    connections[using].close()
    counts = row_counts(using)
    if counts != manifest["row_counts"]:
        different = sorted(t for t in set(counts) | set(manifest["row_counts"]) if counts.get(t) != manifest["row_counts"].get(t))
        raise CommandError(f"Số dòng sau khi khôi phục khác bản sao lưu ở các bảng: {', '.join(different[:20])}.")
    return Summary(archive, len(counts), sum(counts.values()), files)
