"""A job's page, its polling partial and its result download; each checks who may see the job."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from audit.log import record
from common.downloads import attachment_response
from organizations.access import can

from .models import Job, JobState
from .runner import guard_for, label_for


def may_see(user, job: Job) -> bool:
    """The one who asked, or anyone who may view the job's unit."""
    if job.created_by_id is not None and job.created_by_id == user.pk:
        return True
    return job.unit is not None and can(user, "view", job.unit)


def _job_for(request, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("unit"), pk=pk)
    if not may_see(request.user, job):
        record("permission.denied", request=request, target=f"job:{job.pk}")
        raise Http404  # do not confirm that someone else's job exists
    return job


@login_required
def detail(request, pk: int):
    job = _job_for(request, pk)
    return render(request, "jobs/detail.html", {"job": job, "label": label_for(job.kind)})


@login_required
def status(request, pk: int):
    """The progress block alone; htmx swaps it in every second or two while the job is waiting or running.

    With ?reload=1 (a job whose result is the page it was started from) a finished job reloads that page.
    """
    job, reload = _job_for(request, pk), bool(request.GET.get("reload"))
    response = render(request, "jobs/progress.html", {"job": job, "reload": reload})
    if reload and not job.active and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@login_required
def download(request, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    if job.state != JobState.DONE or not job.result:
        raise Http404
    guard = guard_for(job.kind)
    opened = guard(request, job) if guard is not None else None  # PermissionDenied refuses
    record("download.file", request=request, target=f"job:{job.pk}", detail={"kind": job.kind, "name": job.result_name})
    response = attachment_response(job.result.open("rb"), job.result_name, _content_type(job.result_name))
    if opened is not None:
        opened.close()
    return response


def _content_type(name: str) -> str:
    types = {
        "pdf": "application/pdf",
        "zip": "application/zip",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8",
    }
    return types.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
