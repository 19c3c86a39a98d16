"""The shipped YAML files are parsed once, yet each loader gets its own copy and an edited file is parsed again."""

import datetime
import os

import pytest
import yaml

from common.data_files import load_yaml


def test_a_caller_changing_what_it_read_does_not_change_the_next_read(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text("code: tan-ky-2025\ndeadlines:\n  - {code: answer, days: 15}\n", encoding="utf-8")
    first = load_yaml(path)
    first["deadlines"][0]["days"] = 99
    first["code"] = "changed"
    assert load_yaml(path) == {"code": "tan-ky-2025", "deadlines": [{"code": "answer", "days": 15}]}


def test_an_edited_file_is_read_again(tmp_path):
    path = tmp_path / "overrides.yaml"
    path.write_text("- {date: 2026-01-10, kind: working}\n", encoding="utf-8")
    assert load_yaml(path) == [{"date": datetime.date(2026, 1, 10), "kind": "working"}]
    modified = path.stat().st_mtime_ns
    path.write_text("- {date: 2026-01-11, kind: holiday}\n", encoding="utf-8")  # the same size
    os.utime(path, ns=(modified, modified))  # and the same time: only the text differs
    assert load_yaml(path) == [{"date": datetime.date(2026, 1, 11), "kind": "holiday"}]


def test_yaml_tags_that_run_code_are_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(yaml.constructor.ConstructorError, match="python/object/apply"):
        load_yaml(path)
