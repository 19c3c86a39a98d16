"""The embedded default writes mails to var/mail/; the platform operator reads them in the application,
paginated; petitioners' addresses are masked there and each viewing of their mails is logged."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from notifications import poller
from notifications.consent import record_consent
from petitions.models import PersonalDataAccess

from .helpers import overdue, person
from .world import opinion

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_folder(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    return tmp_path / "mail"


@pytest.fixture
def operator(client):
    user = User.objects.create_superuser("vanhanh", "vanhanh@example.invalid", "mat-khau-van-hanh")
    client.force_login(user)
    return user


def test_the_operator_reads_the_mails_written_to_the_folder(ward, mail_folder, operator, client):
    petition = opinion(ward, "Đề nghị lắp đèn chiếu sáng ngõ 7")
    record_consent(petition, email="tranvanbinh@example.invalid")
    overdue(person(), channel="email")
    assert poller.run_once().sent == 2
    listing = client.get(reverse("notifications:mails"))
    [name] = [p.name for p in mail_folder.iterdir()]
    assert listing.status_code == 200 and name in listing.content.decode()
    page = client.get(reverse("notifications:mail_file", args=[name]))
    text = page.content.decode()
    assert page.status_code == 200 and petition.tracking_code in text and "Quá hạn trả lời" in text
    assert "Đề nghị khẩn trương trả lời" in text, "the body is decoded (UTF-8, Vietnamese)"
    assert "tranvanbinh@example.invalid" not in text and "t***@example.invalid" in text
    assert "tuan@example.invalid" in text, "staff addresses are not masked"
    access = PersonalDataAccess.objects.get()
    assert access.user == operator and access.output == "file" and list(access.cases.all()) == [petition.case]


def test_the_mail_list_is_paginated(mail_folder, operator, client):
    mail_folder.mkdir()
    for n in range(55):
        (mail_folder / f"2026112{n:03d}.log").write_text("Subject: x\n\nx\n")
    first = client.get(reverse("notifications:mails")).content.decode()
    second = client.get(reverse("notifications:mails"), {"trang": 2}).content.decode()
    assert first.count(".log</a>") == 50 and second.count(".log</a>") == 5


def test_nobody_but_the_operator_reads_the_mail_folder(ward, mail_folder, client):
    client.force_login(ward.staff)
    assert client.get(reverse("notifications:mails")).status_code == 403
    assert client.get(reverse("notifications:mail_file", args=["x.log"])).status_code == 403


def test_a_file_outside_the_folder_cannot_be_asked_for(mail_folder, operator, client):
    mail_folder.mkdir()
    (mail_folder.parent / "secret.log").write_text("Subject: secret\n\nsecret\n")
    for name in ["secret.log", "..%2Fsecret.log", "..", "%2E%2E"]:
        assert client.get(f"/thong-bao/thu-da-gui/{name}/").status_code == 404


def test_send_notifications_loop_runs_its_passes_and_stops(ward, mail_folder, capsys):
    overdue(person(), channel="email")
    call_command("send_notifications", "--loop", "--every", "0", "--passes", "2")
    out = capsys.readouterr().out
    assert out.count("Đã nhận") == 2 and "gửi 1" in out and "Đã dừng" in out
    assert len(list(mail_folder.iterdir())) == 1


def test_send_notifications_loop_runs_the_day_reminders_once(ward, mail_folder, capsys, monkeypatch):
    from common.tests.clock import today_is

    today_is(monkeypatch, datetime.date(2026, 11, 26))
    call_command("send_notifications", "--loop", "--remind", "--every", "0", "--passes", "3")
    assert capsys.readouterr().out.count("Nhắc hạn ngày 26/11/2026") == 1
