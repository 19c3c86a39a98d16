"""The People see each request and its progress, counts only (Luật 72/2025/QH15 Điều 43, tóm tắt; Luật 91/2025/QH15)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common import dates
from convening import requests

from .factories import dialogue, scan

pytestmark = pytest.mark.django_db

REPRESENTATIVE = "Vũ Thị Hồng Nhung"
CONTACT = "0987 111 222"


def _request(commune, n: int = 0, voters: int = 2000):
    if n == 0:
        requests.record_voters(
            None, unit=commune.unit, as_of=dates.today() - datetime.timedelta(days=300), voters=voters, source="DS 2026"
        )
    return requests.receive_request(
        commune.ward.staff,
        unit=commune.unit,
        title=f"Đề nghị đối thoại về tuyến đường Lán Bè số {n}",
        content="Cử tri đề nghị đối thoại.",
        representative_name=REPRESENTATIVE,
        representative_contact=CONTACT,
        received_on=dates.today() - datetime.timedelta(days=3),
    )


def test_public_page_shows_supporters_against_the_threshold_and_no_one_by_name(client, commune):
    item = _request(commune)
    signed = requests.add_signatures(item, commune.ward.staff, supporters=150, scan=scan("chu-ky-to-5.pdf"))
    for url in (reverse("convening_public:list"), reverse("convening_public:detail", args=[item.pk])):
        page = client.get(url).content.decode()
        assert item.title in page and "150" in page and "200" in page  # 10% of 2,000
        assert REPRESENTATIVE not in page and CONTACT not in page and signed.original_name not in page
        assert "tai-ve" not in page  # no link to any scan


def test_public_api_lists_counts_only_and_is_in_the_schema(client, commune):
    item = _request(commune)
    requests.add_signatures(item, commune.ward.staff, supporters=200, scan=scan())
    response = client.get("/api/v1/public/convening-requests")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["items"][0]
    assert (row["supporters"], row["threshold"], row["reached"], row["unit"]) == (200, 200, True, commune.unit.code)
    assert REPRESENTATIVE not in response.content.decode() and CONTACT not in response.content.decode()
    assert "/api/v1/public/convening-requests" in client.get("/api/v1/openapi.json").json()["paths"]
    assert client.get("/api/v1/public/convening-requests", {"unit": "KHONG-CO"}).json()["count"] == 0


def test_a_planned_dialogue_is_not_public_until_announced(client, commune):
    item = _request(commune)
    requests.add_signatures(item, commune.ward.staff, supporters=200, scan=scan())
    planned = dialogue(commune, date=dates.today() + datetime.timedelta(days=30), title="Đối thoại theo yêu cầu của cử tri")
    requests.link_dialogue(item.duty, commune.ward.staff, planned)
    assert client.get("/api/v1/public/convening-requests").json()["items"][0]["dialogue"] is None
    planned.status = "announced"
    planned.save()
    assert client.get("/api/v1/public/convening-requests").json()["items"][0]["dialogue"] == planned.pk
    assert planned.title in client.get(reverse("convening_public:detail", args=[item.pk])).content.decode()


@pytest.mark.parametrize("url", ["convening_public:list", "convening:list"])
def test_lists_paginate_in_sql_and_queries_do_not_grow_with_rows(client, commune, django_assert_max_num_queries, url):
    client.force_login(commune.ward.staff)
    _request(commune)
    for n in range(1, 3):
        _request(commune, n)
    client.get(reverse(url))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url)).status_code == 200
    for n in range(3, 40):
        _request(commune, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url))
    assert "số 39" in response.content.decode()


def test_public_api_refuses_a_bad_page_size_with_a_documented_400(client, commune):
    response = client.get("/api/v1/public/convening-requests", {"limit": 9411659})
    assert response.status_code == 400 and "limit" in response.json()["message"]
    schema = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/public/convening-requests"]["get"]
    assert "400" in schema["responses"]
