"""Settings fail closed: no DEBUG unless asked, no start without a key of one's own, a clean `check --deploy`."""

from .ops import SECRET, manage, production_env


def test_without_a_secret_key_the_process_refuses_to_start_with_a_clear_message(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    del env["SECRET_KEY"]
    env.pop("DEBUG")
    done = manage("check", env=env)
    assert done.returncode == 2
    assert "Chưa đặt SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_sample_key_is_refused_in_production(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}", SECRET_KEY="short")
    done = manage("check", env=env)
    assert done.returncode == 2
    assert "SECRET_KEY quá ngắn" in done.stderr


def test_debug_is_off_unless_set(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    env.pop("DEBUG")
    done = manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].split() == ["False", "True"]


def test_debug_alone_starts_without_a_key_for_make_run(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}", DEBUG="1", HTTPS="0")
    del env["SECRET_KEY"]
    done = manage("check", env=env)
    assert done.returncode == 0, done.stderr


def test_check_deploy_with_the_documented_production_environment_prints_no_warning(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert env["SECRET_KEY"] == SECRET
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_set(tmp_path):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}", S3_BUCKET="doithoai-media", S3_ENDPOINT_URL="https://s3.example.gov.vn"
    )
    show = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl, s.querystring_auth)"
    )
    done = manage("shell", "-c", show, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "S3Storage doithoai-media https://s3.example.gov.vn None True"
    local_env = {**env, "S3_BUCKET": "", "MEDIA_ROOT": str(tmp_path / "media")}
    local = manage("shell", "-c", show.split(", s.bucket_name")[0] + ", s.location)", env=local_env)
    assert local.stdout.splitlines()[-1] == f"FileSystemStorage {tmp_path / 'media'}"



def test_postgresql_prepares_the_busiest_statements_unless_told_not_to():
    """DB_PREPARED_STATEMENTS=0 for a connection pooler that cannot keep prepared statements (docs/trien-khai.md)."""
    show = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['prepare_threshold'])"
    url = "postgres://doithoai@127.0.0.1:5432/doithoai"  # only read, never connected to
    on = manage("shell", "-c", show, env=production_env(DATABASE_URL=url))
    off = manage("shell", "-c", show, env=production_env(DATABASE_URL=url, DB_PREPARED_STATEMENTS="0"))
    assert (on.stdout.splitlines()[-1], off.stdout.splitlines()[-1]) == ("5", "None"), on.stderr + off.stderr
