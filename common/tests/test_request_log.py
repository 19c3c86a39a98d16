"""One structured line per request: request id (echoed to the client), method, path, status, duration, user id."""

import io
import json
import logging

import pytest
from django.conf import settings

from organizations.tests.factories import UserFactory


@pytest.fixture
def json_lines():
    """Lines written by the `doithoai.request` logger through the production JSON formatter."""
    from pythonjsonlogger.json import JsonFormatter

    from common.logging import RequestContextFilter

    spec = settings.LOGGING["formatters"]["json"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(spec["format"], rename_fields=spec["rename_fields"], timestamp=spec["timestamp"]))
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("doithoai.request")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(old_level)


@pytest.mark.django_db
def test_a_request_writes_one_json_line_with_its_id(client, json_lines):
    response = client.get("/dang-nhap/?q=Nguyễn Văn An")
    [line] = json_lines()
    assert line["logger"] == "doithoai.request"
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")
    assert line["method"] == "GET"
    assert line["path"] == "/dang-nhap/"  # no query string: it may hold a petitioner's name
    assert "Nguyễn" not in json.dumps(line, ensure_ascii=False)
    assert line["status"] == response.status_code == 200
    assert line["duration_ms"] >= 0
    assert line["user_id"] is None
    assert len(line["request_id"]) == 32
    assert response["X-Request-ID"] == line["request_id"]


@pytest.mark.django_db
def test_the_user_id_of_a_logged_in_user_is_logged(client, json_lines):
    binh = UserFactory(username="binh.tran")
    client.force_login(binh)
    client.get("/khong-co-trang-nay/")
    [line] = json_lines()
    assert line["user_id"] == binh.pk
    assert line["status"] == 404


@pytest.mark.django_db
def test_a_proxy_request_id_is_kept_and_a_strange_one_replaced(client, json_lines):
    kept = client.get("/dang-nhap/", headers={"X-Request-ID": "nginx-7f3a9c2e41"})
    replaced = client.get("/dang-nhap/", headers={"X-Request-ID": "<script>alert(1)</script>"})
    first, second = json_lines()
    assert kept["X-Request-ID"] == first["request_id"] == "nginx-7f3a9c2e41"
    assert "<" not in replaced["X-Request-ID"]
    assert second["request_id"] == replaced["X-Request-ID"]


@pytest.mark.django_db
def test_healthy_load_balancer_probes_are_not_logged(client, json_lines):
    assert client.get("/healthz").status_code == 200
    assert json_lines() == []


def test_domain_events_carry_the_request_id():
    from common.logging import REQUEST_ID, RequestContextFilter

    record = logging.LogRecord("doithoai", logging.INFO, __file__, 1, "Đã phát hành văn bản", None, None)
    token = REQUEST_ID.set("abc12345")
    try:
        RequestContextFilter().filter(record)
    finally:
        REQUEST_ID.reset(token)
    assert record.request_id == "abc12345"


@pytest.mark.django_db(transaction=True)
def test_an_issued_document_is_an_operations_event_after_commit(caplog):
    from django.db import transaction

    from common.events import event

    with caplog.at_level(logging.INFO, logger="doithoai.events"):
        with transaction.atomic():
            event("document.issued", document_id=7, kind="plan")
            assert caplog.records == []  # not before the commit
        [record] = caplog.records
    assert record.getMessage() == "document.issued"
    assert (record.event, record.document_id, record.kind) == ("document.issued", 7, "plan")


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_import_logs_nothing(caplog):
    from django.db import transaction

    from common.events import event

    with caplog.at_level(logging.INFO, logger="doithoai.events"):
        try:
            with transaction.atomic():
                event("import.petitions", rows=3)
                raise RuntimeError
        except RuntimeError:
            pass
    assert caplog.records == []
