"""Retention of voters' personal data in requests (convening/retention.py): CONVENING_DATA_RETENTION_DAYS after the
results of the requested dialogue were published completely, the representative's name and contact and the
signed scans are erased (Nghị định 13/2023/NĐ-CP Điều 3, Luật 91/2025/QH15: data minimisation); counts stay."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.models import SecurityEvent
from common.tests.clock import today_is
from convening import requests
from convening.models import ConveningRequest, SignatureList
from convening.retention import erase_closed_requests
from petitions.retention import RetentionError
from publishing.models import Publication

from .factories import dialogue, scan

pytestmark = pytest.mark.django_db
D = datetime.date
PUBLISHED = D(2025, 11, 20)
CONTACT = "0912 345 678, số 12 ngõ 5 Lạch Tray"


def _closed(commune, *, published: D | None = PUBLISHED, link: bool = True) -> ConveningRequest:
    """A request of 2025 that reached 10%, planned as the dialogue of 10/11/2025 whose results were published."""
    staff = commune.ward.staff
    requests.record_voters(staff, unit=commune.unit, as_of=D(2025, 1, 5), voters=4321, source="Danh sách cử tri 2025")
    item = requests.receive_request(
        staff,
        unit=commune.unit,
        title="Đề nghị đối thoại về dự án cải tạo chợ Hồng An",
        content="Cử tri tổ dân phố số 1 và số 2 đề nghị tổ chức đối thoại về dự án cải tạo chợ.",
        representative_name="Lương Thị Xuân Mai",
        representative_contact=CONTACT,
        received_on=D(2025, 9, 1),
    )
    requests.add_signatures(item, staff, supporters=300, scan=scan("to-1.pdf"))
    requests.add_signatures(item, staff, supporters=200, scan=scan("to-2.pdf"))
    if link:
        held = dialogue(commune, date=D(2025, 11, 10), status="held")
        requests.link_dialogue(item.duty, staff, held)
        Publication.objects.update_or_create(
            dialogue=held,
            defaults={"due_on": D(2025, 11, 20), "citation": "Luật 72/2025/QH15 Điều 43", "completed_on": published},
        )
    item.refresh_from_db()
    return item


def _untouched(item: ConveningRequest) -> None:
    item.refresh_from_db()
    assert item.representative_contact == CONTACT and item.anonymised_on is None
    assert all(signed.file for signed in item.signature_lists.all())
    assert not SecurityEvent.objects.filter(event="retention.convening").exists()


def test_erased_after_the_period_counts_kept_and_logged(commune, monkeypatch, django_capture_on_commit_callbacks):
    """Published 20/11/2025, kept 365 days: on 20/11/2026 the representative and the scans go; the counts stay."""
    item = _closed(commune)
    stored = [signed.file.name for signed in item.signature_lists.all()]
    storage = item.signature_lists.first().file.storage
    today_is(monkeypatch, D(2026, 11, 20))
    with django_capture_on_commit_callbacks(execute=True):
        out = StringIO()
        call_command("anonymise_closed_cases", stdout=out)
    assert "yêu cầu tổ chức đối thoại đã kết thúc): 1" in out.getvalue()
    item.refresh_from_db()
    assert item.representative_name == "" and item.representative_contact == "" and item.anonymised_on == D(2026, 11, 20)
    assert item.supporters == 500 and item.voters == 4321 and item.duty.dialogue is not None
    assert sorted(SignatureList.objects.values_list("supporters", "file", "original_name")) == [(200, "", ""), (300, "", "")]
    assert not any(storage.exists(name) for name in stored)
    assert not ConveningRequest.history.filter(id=item.pk, representative_contact=CONTACT).exists()
    assert not SignatureList.history.exclude(original_name="").exists()
    event = SecurityEvent.objects.get(event="retention.convening")
    assert event.detail == {"requests": 1, "signed_lists": 2}
    assert erase_closed_requests() == 0, "a second run finds nothing"
    assert SecurityEvent.objects.filter(event="retention.convening").count() == 1


def test_nothing_erased_before_the_period_ends(commune, monkeypatch):
    item = _closed(commune)
    today_is(monkeypatch, D(2026, 11, 19))  # 364 days after publication: the last day kept
    assert erase_closed_requests() == 0
    _untouched(item)


def test_a_request_whose_results_are_not_fully_published_keeps_its_data(commune, monkeypatch):
    """The request is not closed until the results were published (Luật 72/2025/QH15 Điều 43, tóm tắt)."""
    item = _closed(commune, published=None)
    today_is(monkeypatch, D(2027, 6, 1))
    assert erase_closed_requests() == 0
    _untouched(item)


def test_a_request_never_planned_keeps_its_data(commune, monkeypatch):
    item = _closed(commune, link=False)
    today_is(monkeypatch, D(2027, 6, 1))
    assert erase_closed_requests() == 0
    _untouched(item)


def test_dry_run_changes_nothing(commune, monkeypatch):
    item = _closed(commune)
    today_is(monkeypatch, D(2026, 11, 21))
    assert erase_closed_requests(dry_run=True) == 1
    _untouched(item)


def test_the_period_follows_the_setting_and_a_bad_one_is_refused_in_vietnamese(commune, monkeypatch, settings):
    item = _closed(commune)
    today_is(monkeypatch, D(2026, 11, 21))
    settings.CONVENING_DATA_RETENTION_DAYS = 0
    with pytest.raises(RetentionError, match="từ 1 ngày trở lên"):
        erase_closed_requests()
    _untouched(item)
    settings.CONVENING_DATA_RETENTION_DAYS = 400
    assert erase_closed_requests() == 0
    _untouched(item)


def test_after_erasure_the_page_says_so_and_no_scan_can_be_downloaded(client, commune, monkeypatch):
    item = _closed(commune)
    signed = item.signature_lists.first()
    today_is(monkeypatch, D(2026, 11, 21))
    erase_closed_requests()
    client.force_login(commune.ward.staff)
    page = client.get(reverse("convening:detail", args=[item.pk])).content.decode()
    assert "Lương Thị Xuân Mai" not in page and "Đã xóa ngày 21/11/2026" in page
    assert client.get(reverse("convening:download", args=[item.pk, signed.pk])).status_code == 404
