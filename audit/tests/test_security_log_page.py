"""The security log page and its export: administrators only, scoped to their units, formulas neutralised."""

import csv
import io
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from audit.log import record
from audit.models import SecurityEvent
from organizations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def shown(response) -> list[tuple[str, str]]:
    """(event, username) of each row on the page."""
    return sorted(re.findall(r'<tr data-event="([^"]+)" data-user="([^"]*)">', response.content.decode()))


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def events(hung, lan, khai):
    record("login.success", user=lan)
    record("login.failure", username="lan")
    record("login.failure", username="khai")
    record("download.document", user=khai, target="=HYPERLINK(\"http://ke-gian\")")
    record("login.failure", username="khong-ai-ca")


def test_admin_sees_events_of_their_units_only(hung, events):
    page = signed_in(hung).get("/tai-khoan/nhat-ky/")
    assert page.status_code == 200
    # Lan's success and failure and Hùng's own login; not Khải (other province), not an unknown name.
    assert shown(page) == [("login.failure", "lan"), ("login.success", "hung"), ("login.success", "lan")]


def test_operator_sees_everything(events):
    operator = UserFactory(username="vanhanh", is_superuser=True, is_staff=True)
    rows = shown(signed_in(operator).get("/tai-khoan/nhat-ky/"))
    assert {"khai", "khong-ai-ca", "lan", "vanhanh"} == {user for _event, user in rows} and len(rows) == 6


def test_filters_by_who_event_and_dates(hung, events):
    client = signed_in(hung)
    assert shown(client.get("/tai-khoan/nhat-ky/?event=login.failure")) == [("login.failure", "lan")]
    assert shown(client.get("/tai-khoan/nhat-ky/?who=hun")) == [("login.success", "hung")]
    assert shown(client.get("/tai-khoan/nhat-ky/?since=2000-01-01&until=2000-01-02")) == []
    assert len(shown(client.get("/tai-khoan/nhat-ky/?since=2000-01-01"))) == 3


def test_bad_filter_is_a_vietnamese_400(hung, events):
    response = signed_in(hung).get("/tai-khoan/nhat-ky/?since=2026-02-01&until=2026-01-01")
    assert response.status_code == 400 and "Ngày bắt đầu sau ngày kết thúc" in response.content.decode()
    assert signed_in(hung).get("/tai-khoan/nhat-ky/?since=hom-qua").status_code == 400


def test_staff_are_refused_and_nothing_is_exported(lan, events):
    client = signed_in(lan)
    before = SecurityEvent.objects.count()
    assert client.get("/tai-khoan/nhat-ky/").status_code == 403
    assert client.get("/tai-khoan/nhat-ky/tai-ve.csv").status_code == 403
    assert not SecurityEvent.objects.filter(event="download.security_log").exists()
    assert SecurityEvent.objects.count() == before + 2
    assert set(SecurityEvent.objects.values_list("event", flat=True)[:2]) == {"permission.denied"}


def test_anonymous_is_sent_to_login(client):
    response = client.get("/tai-khoan/nhat-ky/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_csv_export_neutralises_formulas(events):
    operator = UserFactory(username="vanhanh", is_superuser=True)
    response = signed_in(operator).get("/tai-khoan/nhat-ky/tai-ve.csv?event=download.document")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm" and len(rows) == 2
    assert rows[1][6] == "'=HYPERLINK(\"http://ke-gian\")"
    assert SecurityEvent.objects.filter(event="download.security_log", user=operator, detail__rows=1).exists()


def test_xlsx_export_neutralises_formulas_and_respects_scope(hung, events):
    response = signed_in(hung).get("/tai-khoan/nhat-ky/tai-ve.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sorted(row[2] for row in values[1:]) == ["hung", "lan", "lan"]
    assert all(not str(cell).startswith("=") for row in values for cell in row if cell)


def test_unknown_export_format_is_400(hung):
    assert signed_in(hung).get("/tai-khoan/nhat-ky/tai-ve.html").status_code == 400
