"""Backup → restore round trip of the demo: identical row counts in every table and identical media files.

The backup is taken in this process from the test database; the restore runs as an operator would, in
a subprocess with the deployment settings, into a new empty database and an empty media folder.
"""

import hashlib
import io
import json
import sqlite3
import tarfile
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from .ops import manage, production_env

MEDIA = {
    "scans/2026/Biên bản hội nghị xã Tân Kỳ.pdf": b"%PDF-1.4 scan",
    "documents/issued/Thông báo kết luận.docx": b"PK\x03\x04 docx",
    "templates/mau-giay-moi.docx": b"PK\x03\x04 template",
}


def _counts(cursor, tables) -> dict[str, int]:
    result = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
        result[table] = cursor.fetchone()[0]
    return result


def _source_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _counts(cursor, connection.introspection.table_names(cursor))


def _checksums(folder) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def demo_with_media(demo, settings):
    for name, content in MEDIA.items():
        default_storage.save(name, ContentFile(content))
    return settings.MEDIA_ROOT


def _backup(tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", "--output", str(archive))
    return archive


@pytest.mark.django_db(transaction=True)
def test_sqlite_round_trip_is_identical(demo_with_media, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite round trip")
    archive = _backup(tmp_path)
    restored_db, restored_media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    env = production_env(DATABASE_URL=f"sqlite:///{restored_db}", MEDIA_ROOT=str(restored_media), HTTPS="0")
    done = manage("restore", str(archive), env=env)
    assert done.returncode == 0, done.stderr

    target = sqlite3.connect(restored_db)
    tables = [row[0] for row in target.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    counts = _counts(target.cursor(), tables)
    target.close()
    assert counts == _source_counts()
    assert counts["organizations_person"] > 0  # the demo really was there
    assert _checksums(restored_media) == _checksums(demo_with_media)
    assert set(_checksums(restored_media)) == set(MEDIA)


@pytest.mark.django_db(transaction=True)
def test_postgresql_round_trip_is_identical(demo_with_media, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL round trip")
    import psycopg

    archive = _backup(tmp_path)
    source = connection.settings_dict
    name = f"doithoai_restore_{uuid.uuid4().hex[:8]}"
    server = f"postgres://{source['USER']}:{source['PASSWORD'] or ''}@{source['HOST']}:{source['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        restored_media = tmp_path / "restored-media"
        env = production_env(DATABASE_URL=f"{server}/{name}", MEDIA_ROOT=str(restored_media), HTTPS="0")
        done = manage("restore", str(archive), env=env)
        assert done.returncode == 0, done.stderr
        with psycopg.connect(f"{server}/{name}") as target:
            tables = [row[0] for row in target.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            counts = _counts(target.cursor(), tables)
        assert counts == _source_counts()
        assert counts["organizations_person"] > 0
        assert _checksums(restored_media) == _checksums(demo_with_media)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_tampered_archive_is_refused_before_anything_is_written(demo_with_media, tmp_path):
    archive = _backup(tmp_path)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/scans/"):
                data = b"%PDF-1.4 altered"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    restored_db, restored_media = tmp_path / "r.sqlite3", tmp_path / "r-media"
    env = production_env(DATABASE_URL=f"sqlite:///{restored_db}", MEDIA_ROOT=str(restored_media), HTTPS="0")
    done = manage("restore", str(tampered), env=env)
    assert done.returncode != 0
    assert "Tổng kiểm (SHA-256) không khớp: media/scans/" in done.stderr
    assert not restored_media.exists()
    tables = sqlite3.connect(restored_db).execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    assert tables == 0


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(demo_with_media, tmp_path):
    archive = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["engine"] == connection.vendor
    with pytest.raises(CommandError, match="chỉ khôi phục vào một cơ sở dữ liệu trống"):
        call_command("restore", str(archive))  # into the test database, which holds the demo
    assert _source_counts() == manifest["row_counts"]  # nothing was written
