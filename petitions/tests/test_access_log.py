"""The personal-data access log: one row per request however many petitioners it showed, the page for
administrators and the data-protection contact, its filters and its XLSX/CSV export."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from openpyxl import load_workbook

from organizations.tests.factories import member
from petitions.models import Output, PersonalDataAccess
from petitions.privacy import disclose, initials, petitioner_label, public_label, redacted

from .helpers import agency, person, receive, user

pytestmark = pytest.mark.django_db
URL = "/y-kien/nhat-ky-du-lieu-ca-nhan/"


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    settings.REQUIRE_2FA_FOR_ADMINS = False


def test_redacted_forms():
    assert initials("Trần Văn Bình") == "T.V.B."
    assert public_label("Ông Nguyễn Văn An") == "Ông/Bà N.V.A."
    assert public_label("") == "người kiến nghị"
    assert redacted(None) == "người kiến nghị"


def test_label_names_and_logs_only_for_a_reader_allowed(demo):
    petition = receive()
    assert petitioner_label(user("mattran"), petition.petitioner, petition.case, Output.EXPORT) == "Ông/Bà T.V.B."
    assert not PersonalDataAccess.objects.exists()
    assert petitioner_label(user("vanphong"), petition.petitioner, petition.case, Output.EXPORT) == "Trần Văn Bình"
    access = PersonalDataAccess.objects.get()
    assert access.output == Output.EXPORT and list(access.cases.all()) == [petition.case] and access.shown == 1


def test_api_list_writes_one_row_and_no_query_per_opinion(client, demo, django_assert_max_num_queries):
    client.force_login(user("vanphong"))
    receive("Ý kiến số 1")
    client.get("/api/v1/petitions")  # warm the caches (sessions, content types) before counting
    PersonalDataAccess.objects.all().delete()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from common.pagination import forget_totals

    forget_totals()  # both counts taken with the totals computed afresh (the list's count is cached per data version)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/petitions").json()["items"]) == 1
    for number in range(2, 8):
        receive(f"Ý kiến số {number}", who=person(f"Người thứ {number}"))
    forget_totals()
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/petitions").json()["items"]) == 7
    assert len(many) == len(few)
    assert PersonalDataAccess.objects.count() == 2
    last = PersonalDataAccess.objects.order_by("-id").first()
    assert last.output == Output.API and last.shown == 7 and last.cases.count() == 7 and last.path == "/api/v1/petitions"


def test_disclose_writes_nothing_when_nobody_was_shown(demo):
    petition = receive()
    assert disclose(user("vanphong"), petition.case, Output.PAGE, petitioners=[]) is None
    assert not PersonalDataAccess.objects.exists()


def _seen(client, username, case):
    client.force_login(user(username))
    client.get(f"/y-kien/vu-viec/{case.pk}/")


@pytest.fixture
def log(client, demo):
    first, second = receive("Đèn đường hỏng"), receive("Ngõ 5 ngập nước")
    _seen(client, "vanphong", first.case)
    _seen(client, "vanphong", second.case)
    client.get(f"/api/v1/petitions/{second.pk}")
    return first.case, second


@pytest.mark.parametrize("username", ["vanphong", "chutri", "canbo", "mattran", "thuky", "captren"])
def test_only_administrators_and_the_data_protection_contact_read_the_log(client, log, username):
    client.force_login(user(username))
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"xuat": "csv"}).status_code == 403


def test_administrator_reads_the_log_of_the_units_below(client, log):
    client.force_login(user("quantri"))
    html = client.get(URL).content.decode()
    assert html.count("<tr>") - 1 == 3  # header row + three accesses
    assert "Trần Văn Bình" not in html  # the log names matters, not petitioners


def test_data_protection_contact_by_permission(client, log):
    contact = member("front_supervisor", agency("ha-mttq"), username="baove_dlcn")
    contact.user_permissions.add(Permission.objects.get(codename="view_personaldataaccess"))
    client.force_login(contact)
    assert client.get(URL).status_code == 200


def test_filters(client, log):
    first_case, second = log
    client.force_login(user("quantri"))

    def count(**params):
        return client.get(URL, params).context["page"].paginator.count

    assert count(kenh=Output.API) == 1
    assert count(kenh=Output.PAGE) == 2
    assert count(vu_viec=str(first_case.pk)) == 1
    assert count(vu_viec=second.tracking_code.lower()) == 2
    assert count(nguoi="vanphong") == 3 and count(nguoi="canbo") == 0
    today = timezone.localdate()
    assert count(tu=today.isoformat(), den=today.isoformat()) == 3
    assert count(tu=(today + datetime.timedelta(days=1)).isoformat()) == 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu": "31/02/2026"}, "Nhập một ngày hợp lệ"),
        ({"tu": "2026-11-20", "den": "2026-11-01"}, "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc"),
        ({"kenh": "fax"}, "lựa chọn hợp lệ"),
    ],
)
def test_bad_filter_is_400_with_a_vietnamese_message(client, log, params, message):
    client.force_login(user("quantri"))
    rows = PersonalDataAccess.objects.count()
    response = client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and message in html
    assert PersonalDataAccess.objects.count() == rows


def test_export_csv_and_xlsx_neutralise_formulas(client, log):
    first_case, _ = log
    PersonalDataAccess.objects.filter(cases=first_case).update(where="=HYPERLINK(\"http://x\")", path="@SUM(A1)")
    client.force_login(user("quantri"))
    response = client.get(URL, {"xuat": "csv", "vu_viec": str(first_case.pk)})
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm" and len(rows) == 2
    assert rows[1][6] == "'@SUM(A1)" and rows[1][7].startswith("'=HYPERLINK")
    assert rows[1][1] == "vanphong" and rows[1][3] == "Trang"
    book = load_workbook(io.BytesIO(client.get(URL, {"xuat": "xlsx"}).content))
    sheet = book.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 4 and all(not str(v).startswith(("=", "@")) for row in values for v in row if v is not None)


def test_unit_scope(client, log):
    """An administrator of another unit does not see Hồng An's log."""
    from organizations.models import Organization

    admin = member("admin", Organization.objects.get(code="tk-pkt"), username="quantri_tk")
    client.force_login(admin)
    assert client.get(URL).context["page"].paginator.count == 0


def test_attachment_download_is_logged_and_refused_to_others(client, demo):
    from django.core.files.base import ContentFile

    from petitions.models import Attachment

    petition = receive()
    stored = Attachment(petition=petition, name="don.pdf")
    stored.file.save("don.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    url = f"/y-kien/vu-viec/{petition.case_id}/tep/{stored.pk}/"
    client.force_login(user("mattran"))
    assert client.get(url).status_code == 403
    assert not PersonalDataAccess.objects.exists()
    client.force_login(user("vanphong"))
    assert client.get(url).status_code == 200
    access = PersonalDataAccess.objects.get()
    assert access.output == Output.FILE and access.path == url and list(access.petitioners.all()) == [petition.petitioner]
