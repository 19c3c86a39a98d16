"""Retention: petitioners of matters closed long ago are anonymised; statistics and recent matters stay."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import SecurityEvent
from petitions import casework
from petitions.enums import CaseStatus, Channel
from petitions.models import Attachment, Case, CaseEvent, Petition, Petitioner
from petitions.retention import ACTION, RetentionError, anonymise_closed_cases

from .helpers import assigned, receive, user

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 26)


def closed(text: str, on: datetime.date) -> Case:
    case = assigned(text)
    casework.draft_answer(case, user("canbo"), "resolved", "Đã sửa xong.")
    casework.approve(case, user("lanhdao"))
    Case.objects.filter(pk=case.pk).update(approved_on=on)
    return Case.objects.get(pk=case.pk)


def petitioner_of(case: Case) -> Petitioner:
    return Petitioner.objects.get(petitions__case=case)


@pytest.fixture
def old_case(ward):
    """Ông Trần Văn Bình's matter, closed on 1/3/2021 (more than five years before TODAY), with a scan."""
    case = closed("Đề nghị sửa đường ngõ 12 Lê Lợi bị ngập khi mưa", D(2021, 3, 1))
    petition = case.petitions.get()
    attachment = Attachment(petition=petition, name="don-kien-nghi.pdf")
    attachment.file.save("don-kien-nghi.pdf", ContentFile(b"%PDF-1.4 Tran Van Binh"), save=True)
    return case


def test_old_closed_matter_loses_the_people_and_keeps_the_statistics(old_case, django_capture_on_commit_callbacks):
    person = petitioner_of(old_case)
    assert person.full_name == "Trần Văn Bình" and Petitioner.history.filter(id=person.pk, full_name="Trần Văn Bình")
    stored = Attachment.objects.get().file
    with django_capture_on_commit_callbacks(execute=True):
        result = anonymise_closed_cases(today=TODAY, days=5 * 365)
    assert [case.pk for case in result.cases] == [old_case.pk] and result.petitioners == 1 and result.attachments == 1
    person.refresh_from_db()
    assert (person.full_name, person.address, person.phone, person.email, person.representative) == ("", "", "", "", "")
    assert not Petitioner.history.filter(id=person.pk).exclude(full_name="").exists()
    assert not Attachment.objects.exists() and not stored.storage.exists(stored.name)
    kept = Case.objects.get(pk=old_case.pk)
    assert kept.status == CaseStatus.CLOSED and kept.summary.startswith("Đề nghị sửa đường") and kept.outcome == "resolved"
    assert Petition.objects.get(case=kept).content.startswith("Đề nghị sửa đường")
    assert Petition.objects.get(case=kept).channel == Channel.LETTER
    assert CaseEvent.objects.filter(case=kept, action=ACTION).count() == 1
    assert SecurityEvent.objects.filter(event="retention.anonymised").count() == 1


def test_recent_and_open_matters_are_untouched(old_case):
    recent = closed("Đề nghị lắp đèn đường tổ 5", D(2024, 6, 1))
    still_open = receive("Đề nghị nạo vét mương tổ 7")
    anonymise_closed_cases(today=TODAY, days=5 * 365)
    assert petitioner_of(recent).full_name == "Trần Văn Bình"
    assert still_open.petitioner.full_name == "Trần Văn Bình"
    assert not CaseEvent.objects.filter(case__in=[recent, still_open.case], action=ACTION).exists()


def test_dry_run_lists_and_changes_nothing(old_case):
    events = CaseEvent.objects.count()
    result = anonymise_closed_cases(today=TODAY, days=5 * 365, dry_run=True)
    assert [case.pk for case in result.cases] == [old_case.pk] and result.petitioners == 1
    assert petitioner_of(old_case).full_name == "Trần Văn Bình"
    assert Attachment.objects.count() == 1 and CaseEvent.objects.count() == events
    assert not SecurityEvent.objects.filter(event="retention.anonymised").exists()


def test_a_petitioner_with_an_open_matter_keeps_their_data_until_it_is_due(old_case):
    person = petitioner_of(old_case)
    newer = receive("Đề nghị sửa cống thoát nước ngõ 12")
    Petition.objects.filter(pk=newer.pk).update(petitioner=person)
    result = anonymise_closed_cases(today=TODAY, days=5 * 365)
    assert result.petitioners == 0 and CaseEvent.objects.filter(case=old_case, action=ACTION).exists()
    assert Petitioner.objects.get(pk=person.pk).full_name == "Trần Văn Bình"
    Case.objects.filter(pk=newer.case_id).update(status=CaseStatus.CLOSED, approved_on=D(2021, 6, 1))
    again = anonymise_closed_cases(today=TODAY, days=5 * 365)
    assert [case.pk for case in again.cases] == [newer.case_id] and again.petitioners == 1
    assert Petitioner.objects.get(pk=person.pk).full_name == ""


def test_a_second_run_does_nothing(old_case):
    anonymise_closed_cases(today=TODAY, days=5 * 365)
    again = anonymise_closed_cases(today=TODAY, days=5 * 365)
    assert again.cases == [] and SecurityEvent.objects.filter(event="retention.anonymised").count() == 1


def test_a_bad_period_is_refused_and_changes_nothing(old_case):
    with pytest.raises(RetentionError, match="từ 1 ngày"):
        anonymise_closed_cases(today=TODAY, days=0)
    assert petitioner_of(old_case).full_name == "Trần Văn Bình"
    with pytest.raises(SystemExit) as exit_:
        call_command("anonymise_closed_cases", "--days", "-3")
    assert exit_.value.code == 2
    assert not CaseEvent.objects.filter(action=ACTION).exists()


def test_the_command_dry_run_prints_the_list(old_case, settings, capsys):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    call_command("anonymise_closed_cases", "--dry-run")
    out = capsys.readouterr().out
    assert f"#{old_case.pk}\t01/03/2021" in out and "Sẽ ẩn danh: 1 vụ việc" in out
    assert petitioner_of(old_case).full_name == "Trần Văn Bình"
    with pytest.raises(CommandError):
        call_command("anonymise_closed_cases", "--days", "nhiều")
