"""Vietnamese messages for input that fails the schema: one line per field, never the input echoed back."""

from __future__ import annotations

from typing import Any

MESSAGES = {
    "missing": "bắt buộc phải có",
    "string_type": "phải là chuỗi ký tự",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "string_pattern_mismatch": "có ký tự không được phép",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "greater_than_equal": "phải từ {ge} trở lên",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "không được lớn hơn {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là ngày dạng YYYY-MM-DD",
    "time_type": "phải là giờ dạng HH:MM",
    "time_parsing": "phải là giờ dạng HH:MM",
    "list_type": "phải là một danh sách",
    "too_long": "có quá {max_length} phần tử",
    "model_type": "phải là một đối tượng JSON",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "json_invalid": "không phải JSON hợp lệ",
    "extra_forbidden": "không có trường này",
    "none_required": "phải để trống",
}


def field_name(error: dict[str, Any]) -> str:
    """The field as the client wrote it: body.petitioner.full_name → petitioner.full_name."""
    parts = [str(part) for part in error.get("loc", [])]
    if parts and parts[0] in {"body", "payload", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    if parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "yêu cầu"


def explain(error: dict[str, Any]) -> str:
    """One Vietnamese phrase for one pydantic error."""
    kind = error.get("type", "")
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ") or "không hợp lệ"
    if kind == "string_too_short" and (error.get("ctx") or {}).get("min_length") == 1:
        return "không được để trống"
    template = MESSAGES.get(kind)
    if template is None:
        return "không hợp lệ"
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return "không hợp lệ"


def describe(errors: list[dict[str, Any]]) -> dict:
    """The 400 body: a message for people and a list of {field, message} for programs."""
    items = [{"field": field_name(error), "message": explain(error)} for error in errors]
    seen: list[str] = []
    for item in items:
        line = f"{item['field']} {item['message']}"
        if line not in seen:
            seen.append(line)
    return {"message": "Dữ liệu gửi lên không hợp lệ: " + "; ".join(seen or ["yêu cầu"]) + ".", "errors": items}
