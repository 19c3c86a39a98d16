"""The job page, its polling partial and the result download: who may see what."""

import pytest

from audit.models import SecurityEvent
from jobs import runner
from jobs.models import Job, JobState

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(lan, office):
    return runner.start("tests.echo", user=lan, params={"text": "Kết quả"}, unit=office.unit)


def test_the_creator_sees_the_page_and_downloads(client, lan, finished):
    client.force_login(lan)
    page = client.get(f"/cong-viec/{finished.pk}/").content.decode()
    assert f"/cong-viec/{finished.pk}/tai/" in page and "hx-get" not in page
    response = client.get(f"/cong-viec/{finished.pk}/tai/")
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).decode("utf-8") == "Kết quả"
    assert SecurityEvent.objects.filter(event="download.file", user=lan, target=f"job:{finished.pk}").exists()


def test_a_viewer_of_the_unit_may_download(client, minh, finished):
    client.force_login(minh)
    assert client.get(f"/cong-viec/{finished.pk}/tai/").status_code == 200


def test_another_unit_gets_404_and_the_refusal_is_logged(client, hoa, finished):
    client.force_login(hoa)
    for path in ("", "trang-thai/", "tai/"):
        assert client.get(f"/cong-viec/{finished.pk}/{path}").status_code == 404
    assert SecurityEvent.objects.filter(event="permission.denied", user=hoa).count() == 3
    assert not SecurityEvent.objects.filter(event="download.file").exists()


def test_a_job_without_unit_is_the_creators_only(client, lan, minh):
    job = runner.start("tests.echo", user=lan, params={"text": "riêng"})
    client.force_login(minh)
    assert client.get(f"/cong-viec/{job.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(client, finished):
    assert client.get(f"/cong-viec/{finished.pk}/tai/").status_code == 302


def test_the_partial_polls_while_running_and_stops_when_done(client, lan, office):
    job = Job.objects.create(kind="tests.echo", created_by=lan, unit=office.unit, state=JobState.RUNNING, done=1, total=4)
    client.force_login(lan)
    partial = client.get(f"/cong-viec/{job.pk}/trang-thai/").content.decode()
    assert f'hx-get="/cong-viec/{job.pk}/trang-thai/"' in partial and 'hx-trigger="every' in partial
    assert 'value="25"' in partial and "<script" not in partial and "style=" not in partial
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, message="Máy chủ chưa cài LibreOffice.")
    partial = client.get(f"/cong-viec/{job.pk}/trang-thai/").content.decode()
    assert "hx-get" not in partial and "Máy chủ chưa cài LibreOffice." in partial


def test_no_download_before_the_job_is_done(client, lan, office):
    job = Job.objects.create(kind="tests.echo", created_by=lan, unit=office.unit)
    client.force_login(lan)
    assert client.get(f"/cong-viec/{job.pk}/tai/").status_code == 404


def test_the_kind_guard_can_refuse_the_download(client, lan, minh, office):
    job = runner.start("tests.guarded", user=lan, params={}, unit=office.unit)
    client.force_login(minh)
    assert client.get(f"/cong-viec/{job.pk}/").status_code == 200
    assert client.get(f"/cong-viec/{job.pk}/tai/").status_code == 403
    assert not SecurityEvent.objects.filter(event="download.file").exists()
    client.force_login(lan)
    assert client.get(f"/cong-viec/{job.pk}/tai/").status_code == 200


def test_a_finished_job_reloads_the_page_that_asked_for_it(client, lan, finished):
    client.force_login(lan)
    polled = client.get(f"/cong-viec/{finished.pk}/trang-thai/?reload=1", headers={"HX-Request": "true"})
    assert polled["HX-Refresh"] == "true"
    assert "HX-Refresh" not in client.get(f"/cong-viec/{finished.pk}/trang-thai/", headers={"HX-Request": "true"})
