"""Background jobs of the petitions app (discovered by jobs.runner)."""

from jobs.runner import register

from .importing import JOB_KIND, import_job

register(JOB_KIND)(import_job)
