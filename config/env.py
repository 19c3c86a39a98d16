"""Typed helpers to read settings from the environment (one place, no surprises)."""

import os

from django.core.exceptions import ImproperlyConfigured

# Used only when DEBUG is on (`make run`): never in production, where a missing SECRET_KEY stops the process.
DEVELOPMENT_SECRET_KEY = "doithoai-insecure-development-key-only-with-debug"


def env_str(name: str, default: str = "") -> str:
    """A string from the environment, or from the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        with open(file_name, encoding="utf-8") as handle:
            return handle.read().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env_str(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Biến môi trường {name} phải là một số nguyên (đang là {value!r}).") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def require_secret_key(debug: bool) -> str:
    """The deployment's own SECRET_KEY; without DEBUG a missing or too short key refuses to start."""
    key = env_str("SECRET_KEY", "").strip()
    if key:
        if not debug and (len(key) < 50 or key == DEVELOPMENT_SECRET_KEY):
            raise ImproperlyConfigured(
                "SECRET_KEY quá ngắn hoặc là khóa mẫu: hãy tạo một khóa riêng dài ít nhất 50 ký tự "
                "(xem docs/trien-khai.md, mục «Khóa bí mật»)."
            )
        return key
    if debug:
        return DEVELOPMENT_SECRET_KEY
    raise ImproperlyConfigured(
        "Chưa đặt SECRET_KEY. Khi DEBUG tắt, Đối thoại không khởi động với khóa mặc định: hãy đặt biến môi trường "
        "SECRET_KEY (hoặc SECRET_KEY_FILE) bằng một khóa riêng dài ít nhất 50 ký tự, ví dụ tạo bằng lệnh "
        "`python -c \"import secrets; print(secrets.token_urlsafe(50))\"`. Trên máy phát triển, dùng `make run` "
        "(tự bật DEBUG)."
    )
