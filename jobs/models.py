"""A background job: what was asked, its state and progress, and the file it produced."""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# A job in one of these states answers for its dedupe key: asking again returns it instead of redoing the work.
LIVE_STATES = (JobState.QUEUED, JobState.RUNNING, JobState.DONE)


def _result_path(job: Job, filename: str) -> str:
    return f"jobs/{timezone.now():%Y/%m}/{job.pk or 'new'}-{filename}"


class Job(models.Model):
    """One piece of long work; its result file lives under MEDIA_ROOT and is only served by the permission-checked view."""

    kind = models.CharField(_("kind"), max_length=64)
    state = models.CharField(_("state"), max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in all"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.FileField(_("result"), upload_to=_result_path, blank=True, max_length=255)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "organizations.AdministrativeUnit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created"]
        constraints = [
            # Two requests racing with the same key cannot both create a job: the database keeps one.
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(state__in=["queued", "running", "done"]) & ~Q(dedupe_key=""),
                name="jobs_one_live_job_per_key",
            )
        ]
        indexes = [models.Index(fields=["kind", "state"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_state_display()})"

    @property
    def active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    def set_progress(self, done: int, total: int) -> None:
        """Record progress at once (its own UPDATE, outside the handler's work) so the polling page sees it."""
        self.done, self.total = max(0, int(done)), max(0, int(total))
        Job.objects.filter(pk=self.pk).update(done=self.done, total=self.total)

    def finish(self, filename: str = "", content: bytes | IO[bytes] | None = None) -> None:
        """Store the result file (bytes, or an open binary file for large results) and mark the job done.

        A job whose work is its writes (e.g. generating documents) finishes without a file: `job.finish()`.
        """
        if filename and content is not None:
            if self.result:
                self.result.delete(save=False)
            self.result.save(filename, ContentFile(content) if isinstance(content, bytes) else File(content), save=False)
        self.result_name = filename
        self.state = JobState.DONE
        self.finished = timezone.now()
        if self.total:
            self.done = self.total
        self.save(update_fields=["result", "result_name", "state", "finished", "done"])
