"""The notifications page and marking read (POST only; a user sees and changes only their own)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.pagination import paginate

from .inbox import inbox, mark_read


@login_required
def index(request):
    page = paginate(request, inbox(request.user).order_by("-due_at", "-pk"))
    return render(request, "notifications/index.html", {"page": page})


@login_required
@require_POST
def read(request, pk: int):
    if not mark_read(request.user, pk) and not inbox(request.user).filter(pk=pk).exists():
        raise Http404
    target = inbox(request.user).filter(pk=pk).values_list("link", flat=True).first()
    if request.POST.get("open") and target and target.startswith("/"):
        return redirect(target)
    return redirect("notifications:index")


@login_required
@require_POST
def read_all(request):
    mark_read(request.user)
    return redirect("notifications:index")
