"""Celery tasks: a thin runner for jobs, and a scheduled management command (the beat entries use it)."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="jobs.run_job", ignore_result=True)
def run_job(job_id: int) -> None:
    from .runner import execute

    execute(job_id)


@shared_task(name="jobs.run_command", ignore_result=True)
def run_command(name: str, *args: str) -> None:
    """Run a management command on schedule (retention, log pruning) without the jobs app importing its app."""
    call_command(name, *args)
