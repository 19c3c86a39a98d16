"""The People's side, without login: the dialogue schedule, a dialogue's page, the iCalendar feed per unit,
the opinion form with its receipt, and tracking by code. Nothing here reads a petitioner's data.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common import dates
from common.throttle import per_address
from conference import projector
from conference.models import ProgrammeItem
from dialogues.enums import GroupKind, Status
from organizations.models import AdministrativeUnit
from petitions.casework import PetitionerData
from petitions.enums import PetitionerKind

from . import feedback, ical
from .conclusions import published
from .forms import FeedbackForm, OpinionForm
from .models import WebSubmission
from .submissions import SubmissionError, public_dialogues, submit
from .tracking import public_status

PAGE = 30


def _units_with_dialogues():
    return AdministrativeUnit.objects.filter(pk__in=public_dialogues().values("unit"))


def _provinces():
    """Top-level units (provinces) above any unit with a public dialogue."""
    codes = {path.strip("/").split("/")[0] for path in _units_with_dialogues().values_list("path", flat=True)}
    return AdministrativeUnit.objects.filter(code__in=codes).order_by("name")


def home(request):
    """The public home page for visitors: what is coming up, and the three things a citizen can do."""
    upcoming = public_dialogues().filter(date__gte=timezone.localdate()).select_related("unit").order_by("date", "start_time")[:5]
    return render(request, "portal/public/home.html", {"upcoming": upcoming})


@require_GET
def schedule(request):
    """Announced dialogues by province and commune, upcoming first, then past ones."""
    today = timezone.localdate()
    provinces = _provinces()
    province = provinces.filter(code=request.GET.get("tinh", "")).first()
    communes = _units_with_dialogues().order_by("name")
    if province is not None:
        communes = communes.filter(path__startswith=province.path)
    commune = communes.filter(code=request.GET.get("xa", "")).first()
    found = public_dialogues().select_related("unit")
    if commune is not None:
        found = found.filter(unit=commune)
    elif province is not None:
        found = found.filter(unit__path__startswith=province.path)
    context = {
        "provinces": provinces,
        "province": province,
        "communes": communes,
        "commune": commune,
        "upcoming": found.filter(date__gte=today).order_by("date", "start_time")[:PAGE],
        "past": found.filter(date__lt=today).order_by("-date")[:PAGE],
    }
    return render(request, "portal/public/schedule.html", {**context, "section": "schedule"})


@require_GET
def dialogue_page(request, pk: int):
    """One dialogue: when, where, who hosts it, who may attend, how to send opinions until when, the programme."""
    dialogue = get_object_or_404(public_dialogues().select_related("unit", "profile"), pk=pk)
    collect = dialogue.step("collect")
    groups = list(dialogue.participant_groups.all())
    context = {
        "dialogue": dialogue,
        "hosts": dialogue.hosts.select_related("person", "position"),
        "groups": groups,
        "citizens_invited": any(group.kind == GroupKind.CITIZENS for group in groups),
        "collect_until": collect.due if collect else None,
        "programme": ProgrammeItem.objects.filter(dialogue=dialogue).order_by("order"),
        "upcoming": dialogue.date >= timezone.localdate(),
        "hall_url": projector.url(dialogue.pk) if in_session(dialogue) else "",
        "concluded": published().filter(pk=dialogue.pk).exists(),
    }
    return render(request, "portal/public/dialogue.html", {**context, "section": "schedule"})


def in_session(dialogue) -> bool:
    """The conference day, before its conclusion: the public may follow the hall screen (conference.projector)."""
    return dialogue.date == dates.today() and dialogue.status in (Status.ANNOUNCED, Status.HELD)


@require_GET
def calendar_feed(request, code: str):
    """The unit's public dialogues as an iCalendar feed (text/calendar) to subscribe to on a phone."""
    unit = get_object_or_404(AdministrativeUnit, code=code)
    dialogues = public_dialogues().filter(unit=unit).prefetch_related("hosts__person").order_by("date")

    def url_for(dialogue) -> str:
        return request.build_absolute_uri(reverse("portal:dialogue", args=[dialogue.pk]))

    text = ical.calendar(_("Dialogues of %(unit)s") % {"unit": unit.name}, dialogues, url_for, request.get_host())
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="doi-thoai-{unit.code}.ics"'
    return response


@per_address("RATELIMIT_PUBLIC_OPINION", only_writes=True)  # sending is limited per address; reading the form is not
def send_opinion(request):
    """The public opinion form; a robot that fills the hidden field is thanked and nothing is kept."""
    initial = {"unit": request.GET.get("don-vi") or None, "dialogue": request.GET.get("hoi-nghi") or None}
    form = OpinionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("website"):
            return render(request, "portal/public/thanks.html")
        organisation = data["kind"] == PetitionerKind.ORGANIZATION
        name = data.get("full_name") or ""  # an organisation's representative on this form
        sender = PetitionerData(
            kind=data["kind"],
            full_name="" if organisation else name,
            organization_name=data.get("organization_name") or "",
            representative=name if organisation else "",
            address=data.get("address") or "",
            phone=data.get("phone") or "",
            email=data.get("email") or "",
        )
        try:
            submission = submit(
                data["unit"],
                data["content"],
                sender,
                consent=data["consent"],
                dialogue=data.get("dialogue"),
                field_hint=data.get("field_hint") or "",
                upload=data.get("attachment"),
                notify=data.get("notify", False),
            )
        except SubmissionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your opinion has been sent."))
            return redirect("portal:receipt", code=submission.code)
    return render(request, "portal/public/send.html", {"form": form, "section": "send"}, status=400 if form.errors else 200)


@require_GET
def receipt(request, code: str):
    """A printable receipt: the code, the unit, the date and what happens next — no personal data."""
    submission = WebSubmission.objects.select_related("unit", "dialogue").filter(code=code.upper()).first()
    if submission is None:
        raise Http404
    return render(request, "portal/public/receipt.html", {"submission": submission})


@require_GET
@per_address("RATELIMIT_TRACKING")  # against guessing codes
def track(request):
    """Anyone with a tracking code sees where the opinion stands and the approved answer — never who sent it."""
    return _track_page(request, (request.GET.get("ma") or "").strip().upper())


def _track_page(request, code: str, form: FeedbackForm | None = None, status: int = 200):
    found = public_status(code) if code else None
    status = 404 if code and found is None else status
    form = form or FeedbackForm(initial={"ma": code})
    context = {"code": code, "found": found, "searched": bool(code), "section": "track", "feedback_form": form}
    return render(request, "portal/public/track.html", context, status=status)


@require_POST
@per_address("RATELIMIT_PUBLIC_OPINION")  # the same limit as sending: a "not settled" makes a new opinion
def give_feedback(request):
    """FixMyStreet's "has it been fixed?": the holder of the code says whether the answer settled the matter (once)."""
    form = FeedbackForm(request.POST)
    code = (request.POST.get("ma") or "").strip().upper()[:20]
    if not form.is_valid():
        return _track_page(request, code, form, status=400)
    try:
        follow_up = feedback.give(code, form.cleaned_data["settled"], form.cleaned_data["reason"])
    except feedback.FeedbackError as error:
        form.add_error(None, str(error))
        return _track_page(request, code, form, status=400)
    if follow_up is None:
        messages.success(request, _("Thank you: your feedback has been recorded."))
    else:
        text = _("Thank you: your feedback was sent to the commune as a follow-up opinion, tracking code %(code)s.")
        messages.success(request, text % {"code": follow_up.tracking_code})
    return redirect(f"{reverse('portal:track')}?ma={code}")
