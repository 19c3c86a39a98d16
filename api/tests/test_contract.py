"""Contract test: schemathesis sends generated requests to every operation of /api/v1/openapi.json.

It fails on any 5xx and on any response that does not match the schema, for a person's session
(with the CSRF token) and for a write-scoped API token. Runs on PostgreSQL (which refuses what
SQLite lets through: NUL bytes, over-long text, out-of-range integers); `make contract` runs it
alone. Examples are bounded (MAX_EXAMPLES per operation and caller) to stay within minutes.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance
from werkzeug.test import Client as WsgiClient

from dialogues.tests.factories import make_dialogue
from petitions.tests.helpers import assigned

from .helpers import CSRF, token_for, user

MAX_EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "12"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql" and not os.environ.get("CONTRACT_ON_SQLITE"),
        reason="the contract test runs on PostgreSQL (make test with DATABASE_URL, or make contract)",
    ),
]


@pytest.fixture
def wsgi_app():
    """The Django app for schemathesis's WSGI client, without closing the test's database connection per request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def session_caller() -> tuple[dict, dict]:
    """Headers and cookies of the advising-office staff's browser: session cookie, CSRF cookie and header."""
    client = Client()
    client.force_login(user("vanphong"))
    return {"X-CSRFToken": CSRF}, {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


def token_caller() -> tuple[dict, dict]:
    """Headers of a machine client with a write-scoped token of the same office."""
    _token, secret = token_for("ha-vpdu", can_write=True, name="Kiểm thử hợp đồng API")
    return {"Authorization": f"Bearer {secret}"}, {}


def run_operation(operation, headers: dict, cookies: dict, ids: list[int]) -> str | None:
    """Generate and send MAX_EXAMPLES requests; the first failure (shrunk by Hypothesis) as text, or None."""

    # Valid requests and requests that break the schema on purpose (too long, NUL, out of range, wrong type).
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(case=cases, known=st.sampled_from(ids), use_known=st.booleans())
    def check(case, known, use_known):
        if use_known and case.path_parameters and "pk" in case.path_parameters:
            case.path_parameters["pk"] = known  # reach real rows too, not only 404s
        # The schema names both ways to sign in, so a generated case may carry a random bearer token or session.
        generated = {name: value for name, value in (case.headers or {}).items() if name.lower() != "authorization"}
        case.headers = {**generated, **headers}
        case.cookies = {**(case.cookies or {}), **cookies}
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    try:
        check()
    except (Exception, BaseExceptionGroup) as error:  # every failure is reported with its operation
        return f"{operation.method.upper()} {operation.path}: {error}"
    return None


@pytest.mark.parametrize("caller", ["session", "token"])
def test_every_operation_keeps_its_contract(demo, wsgi_app, caller):
    dialogue = make_dialogue()
    case = assigned()
    ids = [dialogue.pk, case.petitions.first().pk]
    headers, cookies = session_caller() if caller == "session" else token_caller()
    browser = WsgiClient(wsgi_app)
    for name, value in cookies.items():
        browser.set_cookie(name, value)
    signed_in = browser.get("/api/v1/dialogues", headers=headers)
    assert signed_in.status_code == 200, signed_in.get_data(as_text=True)  # else every operation would only see 401
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        failure = run_operation(operation, headers, cookies, ids)
        if failure:
            failures.append(failure)
    assert not failures, "\n\n".join(failures)
