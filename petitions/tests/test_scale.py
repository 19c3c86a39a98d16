"""Issue 16 (province scale) and issue 11 (one filter definition): the opinions list, its API and Mẫu 5.

The lists keep their totals in the cache while no matter or opinion changes: these tests check that a change
through a verb is seen at once, that the page and the API filter alike, and that bad filters change nothing.
"""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from common.pagination import paginate_by_key
from petitions import casework, suggest
from petitions.enums import Channel
from petitions.filters import case_filter, filtered_cases
from petitions.models import Case, PersonalDataAccess, Petition

from .helpers import field, receive


def _five_matters():
    for number in range(5):
        receive(f"Đề nghị sửa đường ngõ {number} bị ngập khi mưa", channel=Channel.LETTER if number % 2 else Channel.PAPER_FORM)
    return list(Case.objects.order_by("pk"))


def test_issue11_the_page_and_the_api_filter_matters_with_one_definition(client, ward):
    cases = _five_matters()
    casework.classify(cases[0], ward.staff, field("kinh_te"), "within")
    client.force_login(ward.staff)
    for page_query, api_query in [("trang_thai=classified", "status=classified"), ("kenh=letter", "channel=letter")]:
        page = client.get(f"/y-kien/?{page_query}")
        api = client.get(f"/api/v1/petitions?{api_query}").json()
        on_page = {case.pk for case in page.context["cases"]}
        assert on_page == {item["matter"] for item in api["items"]} and on_page, page_query
        assert page.context["total"] == api["count"] == len(on_page)


def test_issue11_an_unknown_filter_value_is_a_400_in_the_api_and_nothing_is_logged(client, ward):
    _five_matters()
    client.force_login(ward.staff)
    logged = PersonalDataAccess.objects.count()
    response = client.get("/api/v1/petitions?status=bogus")
    assert response.status_code == 400 and "không hợp lệ" in response.json()["message"]
    assert PersonalDataAccess.objects.count() == logged  # nothing was shown, nothing written


def test_the_page_ignores_an_unknown_filter_value_and_lists_everything(client, ward):
    _five_matters()
    client.force_login(ward.staff)
    assert client.get("/y-kien/?trang_thai=bogus&linh_vuc=abc").context["total"] == 5


def test_search_ignores_accents_through_the_shared_filter(ward):
    receive("Tranh chấp đất đai ở tổ dân phố 3")
    receive("Đèn chiếu sáng ngõ 8 hỏng")
    found, _query = filtered_cases(ward.staff, {"q": "DAT DAI"})
    assert [case.summary for case in found] == ["Tranh chấp đất đai ở tổ dân phố 3"]
    assert case_filter(ward.staff, {"q": "den chieu sang"}).qs.count() == 1


def test_issue16_the_list_counts_follow_a_classification_at_once(client, ward):
    cases = _five_matters()
    client.force_login(ward.staff)
    before = client.get("/y-kien/").context["counts"]["status"]
    assert {row["status"]: row["n"] for row in before} == {"received": 5}
    casework.classify(cases[0], ward.staff, field("kinh_te"), "within")  # a verb: the cached counts are stale
    after = client.get("/y-kien/").context["counts"]["status"]
    assert {row["status"]: row["n"] for row in after} == {"received": 4, "classified": 1}


def test_issue16_the_form5_totals_follow_a_classification_at_once(client, ward):
    cases = _five_matters()
    client.force_login(ward.staff)
    assert client.get("/y-kien/tong-hop/").context["totals"]["within"] == 0
    casework.classify(cases[1], ward.staff, field("kinh_te"), "within")
    assert client.get("/y-kien/tong-hop/").context["totals"]["within"] == 1


def test_issue16_a_page_sorted_by_key_keeps_the_order_and_reads_every_row(ward):
    cases = _five_matters()
    casework.classify(cases[3], ward.staff, field("kinh_te"), "within")
    ordered = Case.objects.order_by("field__order", "pk")
    request = RequestFactory().get("/", {"trang": "2"})
    page = paginate_by_key(request, ordered, Case.objects.select_related("field"), per_page=2)
    assert [case.pk for case in page.object_list] == list(ordered.values_list("pk", flat=True))[2:4]
    assert page.paginator.count == 5


@pytest.mark.parametrize("rows", [5, 50])
def test_issue16_the_api_list_reads_a_fixed_number_of_queries(client, ward, django_assert_max_num_queries, rows):
    for number in range(rows):
        receive(f"Ý kiến số {number} về đường giao thông")
    client.force_login(ward.staff)
    client.get("/api/v1/petitions")
    with django_assert_max_num_queries(16):  # session, scope, count, keys, rows, prefetch, one access-log write
        response = client.get("/api/v1/petitions?limit=100")
    assert response.status_code == 200 and len(response.json()["items"]) == rows


def test_issue16_suggestions_are_computed_once_per_change_of_the_unit(ward, monkeypatch):
    first = receive("Đường ngõ 12 Lê Lợi bị ngập khi mưa")
    second = receive("Ngõ 12 Lê Lợi ngập khi mưa, đề nghị sửa đường")
    computed = []
    real = suggest._compute
    monkeypatch.setattr(suggest, "_compute", lambda case, version: computed.append(case.pk) or real(case, version))
    shown = suggest.suggestions_for(first.case)
    assert [case.pk for case, _score in shown.duplicates] == [second.case_id]
    suggest.suggestions_for(first.case)  # a second view: read from the cache
    assert computed == [first.case_id]
    casework.classify(second.case, ward.staff, field("kinh_te"), "within")  # the unit changed: computed again
    assert suggest.suggestions_for(first.case).field == field("kinh_te")
    assert computed == [first.case_id, first.case_id]


@pytest.mark.parametrize("url", ["/y-kien/", "/y-kien/tong-hop/", "/doi-thoai/", "/api/v1/petitions"])
def test_issue16_a_user_who_sees_no_unit_gets_empty_lists_not_an_error(client, ward, url):
    receive("Đề nghị sửa đường ngõ 12 bị ngập")
    client.force_login(User.objects.create_user("khach", password="matkhau-thu-nghiem-dai"))
    response = client.get(url)
    assert response.status_code == 200
    shown = response.json()["count"] if url.startswith("/api/") else response.context["page"].paginator.count
    assert shown == 0


def test_issue16_intake_through_the_api_writes_in_one_transaction_and_reads_nothing_back(client, ward):
    """The intake measured in benchmarks/intake.py: session, user, roles and unit read; the matter, the opinion,
    their two history rows and the "received" event written; no query reads the new opinion back."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ward.staff)
    body = {"unit": ward.unit.code, "content": "Đề nghị sửa đường ngõ 5 bị ngập khi mưa", "channel": "letter"}
    with CaptureQueriesContext(connection) as done:
        response = client.post("/api/v1/petitions", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["grouped_with"] == []
    statements = [query["sql"].split()[0].upper() for query in done.captured_queries]
    writes = [sql for sql in statements if sql == "INSERT"]
    assert len(writes) == 5, done.captured_queries
    reads = [number for number, sql in enumerate(statements) if sql == "SELECT"]
    assert len(reads) <= 3 and max(reads) < statements.index("INSERT"), statements  # nothing read back
    first, last = statements.index("INSERT"), len(statements) - 1 - statements[::-1].index("INSERT")
    # One transaction (a savepoint inside the test's own): opened before the first write, closed after the last.
    assert statements[first - 1] == "SAVEPOINT" and "RELEASE" not in statements[first:last]
    assert statements[last + 1] == "RELEASE", statements


def test_issue16_intake_for_an_unknown_unit_is_a_400_in_vietnamese_and_writes_nothing(client, ward):
    client.force_login(ward.staff)
    body = {"unit": "KHONG-CO", "content": "Đề nghị sửa đường ngõ 5", "channel": "letter"}
    response = client.post("/api/v1/petitions", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["message"] == "Không có đơn vị 'KHONG-CO'."
    assert not Petition.objects.exists() and not Case.objects.exists()
