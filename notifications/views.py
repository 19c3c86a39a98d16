"""The notifications page, marking read, the user's preferences, and the administrator's mail folder viewer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.pagination import paginate

from .consent import mask
from .forms import PreferenceForm
from .inbox import inbox, mark_read
from .mailbox import files, open_file
from .models import Notification
from .outbox import preference
from .preferences import PreferenceError, always_sent, set_preferences


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


@login_required
def preferences(request):
    """GET shows the user's choices; POST saves them through set_preferences (a refused choice: 400, nothing saved)."""
    choice = preference(request.user)
    initial = {f: getattr(choice, f) for f in ("email", "sms", "zalo", "phone", "digest", "digest_time")}
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            set_preferences(request.user, **form.cleaned_data)
        except PreferenceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    context = {"form": form, "always": always_sent(), "has_email": bool(request.user.email)}
    return render(request, "notifications/preferences.html", context, status=400 if form.errors else 200)


def _require_operator(user) -> None:
    """The mail folder holds every unit's mail: the platform operator (superuser) only."""
    if not (user.is_authenticated and user.is_superuser):
        raise PermissionDenied


@login_required
def mails(request):
    _require_operator(request.user)
    return render(request, "notifications/mails.html", {"page": paginate(request, files())})


@login_required
def mail_file(request, name: str):
    """One mail file, its mails paginated; petitioners' addresses masked, what was shown of them logged."""
    _require_operator(request.user)
    found = open_file(name)
    if found is None:
        raise Http404
    page = paginate(request, found)
    shown = list(page.object_list)
    ids = [mail.notification_id for mail in shown if mail.notification_id]
    rows = {
        row.pk: row
        for row in Notification.objects.filter(pk__in=ids, consent__isnull=False).select_related(
            "consent__petition__case", "consent__petition__petitioner"
        )
    }
    for mail in shown:
        if mail.notification_id in rows:
            mail.to = mask(mail.to)
    _log_petitioners(request, rows.values())
    return render(request, "notifications/mail_file.html", {"page": page, "name": name, "mails": shown})


def _log_petitioners(request, rows) -> None:
    """Mails to petitioners speak of their opinion: the viewing is logged by the personal-data gate."""
    from petitions.models import Output
    from petitions.privacy import disclose

    petitions = [row.consent.petition for row in rows]
    people = [petition.petitioner for petition in petitions if petition.petitioner_id]
    if people:
        disclose(
            request.user, [p.case for p in petitions], Output.FILE, request, petitioners=people, where="Thư đã gửi (var/mail)"
        )
