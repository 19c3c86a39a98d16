"""Every opinion list costs the same number of queries for 5 rows as for 50 (no query per row), and pages in SQL."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.pagination import forget_totals
from petitions.models import Case

from .helpers import assigned

LATE = datetime.date(2026, 11, 3)  # already past: the matters are also on the overdue list

# (who looks, which list, how many of the matters it shows)
PAGES = [
    ("vanphong", "/y-kien/"),
    ("vanphong", "/y-kien/?q=ngap+khi+mua"),
    ("vanphong", "/y-kien/?kenh=letter"),
    ("canbo", "/y-kien/hop-thu/"),
    ("mattran", "/y-kien/qua-han/"),
    ("vanphong", "/y-kien/tong-hop/"),
    ("vanphong", "/api/v1/petitions"),
]


def _matters(first: int, last: int) -> None:
    for number in range(first, last):
        assigned(f"Đề nghị sửa đường ngõ {number} bị ngập khi mưa", due=LATE)


def _shown(response) -> int:
    if response["Content-Type"].startswith("application/json"):
        return len(response.json()["items"])
    return len(response.context["cases"])


@pytest.mark.parametrize(("username", "url"), PAGES)
def test_list_queries_do_not_grow_with_rows(client, demo, django_assert_max_num_queries, username, url):
    client.force_login(User.objects.get(username=username))
    _matters(0, 5)
    client.get(url)  # warm the caches (session, content types) before counting
    forget_totals()  # counted after a change: the list's totals are computed again (the costliest view)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert response.status_code == 200 and _shown(response) == 5
    _matters(5, 50)
    forget_totals()
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200 and _shown(response) == 50


def test_opinions_list_pages_in_sql_and_counts_all(client, demo):
    _matters(0, 53)
    client.force_login(User.objects.get(username="vanphong"))
    first = client.get("/y-kien/")
    last = client.get("/y-kien/", {"trang": 2})
    assert len(first.context["cases"]) == 50 and len(last.context["cases"]) == 3
    assert first.context["total"] == 53 == Case.objects.count()
    shown = {case.pk for case in first.context["cases"]} | {case.pk for case in last.context["cases"]}
    assert shown == set(Case.objects.values_list("pk", flat=True))
    assert [case.petition_count for case in last.context["cases"]] == [1, 1, 1]


def test_a_bad_page_number_gives_a_page_not_an_error(client, demo):
    _matters(0, 2)
    client.force_login(User.objects.get(username="vanphong"))
    assert client.get("/y-kien/", {"trang": "x"}).status_code == 200
    assert len(client.get("/y-kien/", {"trang": "999"}).context["cases"]) == 2


def test_api_list_says_how_many_and_pages_with_limit_and_offset(client, demo):
    _matters(0, 7)
    client.force_login(User.objects.get(username="vanphong"))
    page = client.get("/api/v1/petitions", {"limit": 3, "offset": 6}).json()
    assert page["count"] == 7 and len(page["items"]) == 1
    everything = client.get("/api/v1/petitions", {"limit": 500}).json()["items"]
    first = client.get("/api/v1/petitions", {"limit": 3}).json()["items"]
    assert [item["id"] for item in first] == [item["id"] for item in everything[:3]]


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=abc"])
def test_api_list_refuses_a_bad_page_with_400(client, demo, query):
    client.force_login(User.objects.get(username="vanphong"))
    response = client.get(f"/api/v1/petitions?{query}")
    assert response.status_code == 400 and response.json()["message"]
