"""Every dialogue list and board costs the same number of queries for 5 dialogues as for 50, and pages in SQL."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.pagination import forget_totals
from dialogues.models import Dialogue

from .factories import make_dialogue

PAGES = [
    ("vanphong", "/doi-thoai/", "dialogues"),
    ("vanphong", "/doi-thoai/viec-cua-toi/", "steps"),
    ("captren", "/doi-thoai/qua-han/", "steps"),
    ("vanphong", "/api/v1/dialogues", "items"),
]


def _dialogues(first: int, last: int) -> None:
    """Dialogues a few days ahead announced at short notice: their early steps are already overdue."""
    soon = timezone.localdate() + datetime.timedelta(days=3)
    for number in range(first, last):
        day = soon + datetime.timedelta(days=number)
        make_dialogue(title=f"Đối thoại số {number}", date=day, notice_justification="Yêu cầu của cấp trên")


def _listed(response, key: str) -> list:
    if key == "items":
        return response.json()["items"]
    return list(response.context[key])


@pytest.mark.parametrize(("username", "url", "key"), PAGES)
def test_list_queries_do_not_grow_with_rows(client, demo, django_assert_max_num_queries, username, url, key):
    client.force_login(User.objects.get(username=username))
    _dialogues(0, 5)
    client.get(url)  # warm the caches (session, content types) before counting
    forget_totals()  # counted after a change: the totals are computed again (the costliest view)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    before = len(_listed(response, key))
    assert response.status_code == 200 and 2 <= before <= 50
    _dialogues(5, 50)
    forget_totals()
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200 and before < len(_listed(response, key)) <= 50  # more rows, no more queries


def test_api_dialogue_list_counts_all_and_pages(client, demo):
    _dialogues(0, 4)
    client.force_login(User.objects.get(username="vanphong"))
    page = client.get("/api/v1/dialogues", {"limit": 3, "offset": 3}).json()
    assert page["count"] == Dialogue.objects.filter(unit__code="31-HONGAN").count() >= 4
    assert len(page["items"]) == page["count"] - 3
    assert client.get("/api/v1/dialogues", {"limit": 0}).status_code == 400
