"""Job kinds used only by the tests: they count their runs so a test can prove work was not done twice."""

from jobs.runner import JobFailed, register

runs: list[int] = []


@register("tests.echo")
def echo(job, *, text: str, steps: int = 2) -> None:
    runs.append(job.pk)
    for step in range(steps):
        job.set_progress(step, steps)
    job.finish("loi-chao.txt", text.encode("utf-8"))


@register("tests.refuse")
def refuse(job, *, reason: str) -> None:
    runs.append(job.pk)
    raise JobFailed(reason)


@register("tests.crash")
def crash(job) -> None:
    runs.append(job.pk)
    raise RuntimeError("secret internal detail")


@register("tests.forget")
def forget(job) -> None:
    runs.append(job.pk)


def _named_only(request, job):
    from django.core.exceptions import PermissionDenied

    if request.user.username != "lan":
        raise PermissionDenied("Chỉ chị Lan tải được.")


@register("tests.guarded", guard=_named_only)
def guarded(job) -> None:
    job.finish("bi-mat.txt", b"chi Lan")
