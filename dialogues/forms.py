"""The dialogue form: one form with the plan, the hosts, the participants and the co-operating agencies."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import AdministrativeUnit, Appointment, Organization, Person
from regulations.models import profile_for

from . import lifecycle
from .enums import AdHocReason, DialogueForm, DialogueKind, GroupKind, ThematicTopic
from .hosts import delegate_candidates, host_candidates
from .models import Dialogue

MIN_HOURS, MAX_HOURS = 3, 10  # half a day to a day (000 Bước 1; 002 II.3)


class AppointmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Appointment) -> str:
        return f"{obj.position.name} {obj.person.full_name} — {obj.organization.unit.name}"


class AppointmentMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Appointment) -> str:
        return f"{obj.position.name} {obj.person.full_name} — {obj.organization.unit.name}"


def duration_ok(start: datetime.time | None, end: datetime.time | None) -> bool:
    """Half a day to one day; unknown times are left to the required-field checks."""
    if start is None or end is None:
        return True
    span = datetime.datetime.combine(datetime.date.min, end) - datetime.datetime.combine(datetime.date.min, start)
    return MIN_HOURS <= span.total_seconds() / 3600 <= MAX_HOURS


def plan_problems(data: dict) -> list[tuple[str, str]]:
    """What a plan lacks for its kind and format, and its length (003 Điều 5; 000 Bước 1): (field, message)."""
    problems = []
    kind = data.get("kind")
    if kind == DialogueKind.THEMATIC and not data.get("topic"):
        problems.append(("topic", _("A thematic dialogue needs its theme.")))
    if kind == DialogueKind.AD_HOC:
        if not data.get("ad_hoc_reason"):
            problems.append(("ad_hoc_reason", _("An ad hoc dialogue needs its reason.")))
        if not (data.get("description") or "").strip():
            problems.append(("description", _("Describe the matter of the ad hoc dialogue.")))
    if data.get("form") in (DialogueForm.ONLINE, DialogueForm.HYBRID) and not data.get("meeting_link"):
        problems.append(("meeting_link", _("An online or hybrid dialogue needs its meeting link.")))
    if not duration_ok(data.get("start_time"), data.get("end_time")):
        problems.append(("end_time", _("A conference lasts from half a day to one day.")))
    return problems


class DialogueDetailsForm(forms.ModelForm):
    """What can change in a plan without moving its date (the date has its own guarded transition)."""

    class Meta:
        model = Dialogue
        fields = [
            "title",
            "description",
            "venue",
            "meeting_link",
            "start_time",
            "end_time",
            "expected_citizens",
            "takes_indirect_opinions",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean(self):
        data = super().clean()
        for field, message in plan_problems({**data, "form": self.instance.form}):
            self.add_error(field, message)
        return data


def _host_candidate_ids(units, day: datetime.date) -> list[int]:
    """Heads who may host under each unit's profile today (the form re-checks on the chosen date)."""
    found = []
    for unit in units:
        profile = profile_for(unit, day)
        if profile is not None:
            found += [appointment.pk for appointment in host_candidates(profile, unit, day)]
    return found


class ParticipantFields:
    """The plan's participant groups (001 III.2) and three co-operating agencies: fields, rows and choices."""

    def add_participant_fields(self, units) -> None:
        # Upper-level delegates come from the units above (001 III.2): those may be invited too.
        above = {code for unit in units for code in unit.path.strip("/").split("/")}
        reach = AdministrativeUnit.objects.filter(code__in=above)
        for group in GroupKind:
            self.fields[f"group_{group.value}_count"] = forms.IntegerField(
                label=group.label, min_value=0, required=False, initial=0
            )
            self.fields[f"group_{group.value}_orgs"] = forms.ModelMultipleChoiceField(
                Organization.objects.filter(unit__in=reach, is_active=True), label=_("Organisations"), required=False
            )
            self.fields[f"group_{group.value}_people"] = forms.ModelMultipleChoiceField(
                Person.objects.filter(appointments__organization__unit__in=reach).distinct(), label=_("People"), required=False
            )
        for index in range(3):
            self.fields[f"agency_{index}"] = forms.ModelChoiceField(
                Organization.objects.filter(unit__in=units, is_active=True), label=_("Co-operating agency"), required=False
            )
            self.fields[f"agency_{index}_task"] = forms.CharField(label=_("Its task"), required=False)

    def group_rows(self):
        return [
            (self[f"group_{g.value}_count"], self[f"group_{g.value}_orgs"], self[f"group_{g.value}_people"]) for g in GroupKind
        ]

    def agency_rows(self):
        return [(self[f"agency_{i}"], self[f"agency_{i}_task"]) for i in range(3)]

    def participant_choices(self) -> tuple[list, list]:
        """(groups, agencies) for lifecycle.create_dialogue / set_participants, from the cleaned data."""
        from .lifecycle import AgencyTask, GroupChoice

        data = self.cleaned_data
        groups = [
            GroupChoice(
                g.value,
                data.get(f"group_{g.value}_count") or 0,
                list(data.get(f"group_{g.value}_orgs") or []),
                list(data.get(f"group_{g.value}_people") or []),
            )
            for g in GroupKind
        ]
        agencies = [AgencyTask(data.get(f"agency_{i}"), data.get(f"agency_{i}_task") or "") for i in range(3)]
        return groups, agencies


class ParticipantsForm(ParticipantFields, forms.Form):
    """Change who takes part and which agencies co-operate after planning (before the conference)."""

    def __init__(self, *args, dialogue, **kwargs) -> None:
        initial = {}
        for group in dialogue.participant_groups.prefetch_related("organizations", "people"):
            initial[f"group_{group.kind}_count"] = group.expected_count
            initial[f"group_{group.kind}_orgs"] = list(group.organizations.all())
            initial[f"group_{group.kind}_people"] = list(group.people.all())
        for index, agency in enumerate(dialogue.cooperating_agencies.select_related("organization")[:3]):
            initial[f"agency_{index}"], initial[f"agency_{index}_task"] = agency.organization, agency.task
        super().__init__(*args, initial=initial, **kwargs)
        self.add_participant_fields(AdministrativeUnit.objects.filter(pk=dialogue.unit_id))


class DialoguePlanForm(ParticipantFields, forms.Form):
    unit = forms.ModelChoiceField(AdministrativeUnit.objects.none(), label=_("Unit"))
    title = forms.CharField(label=_("Subject"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DialogueKind.choices)
    topic = forms.ChoiceField(label=_("Theme (thematic dialogues)"), choices=[("", "—"), *ThematicTopic.choices], required=False)
    ad_hoc_reason = forms.ChoiceField(
        label=_("Reason (ad hoc dialogues)"), choices=[("", "—"), *AdHocReason.choices], required=False
    )
    description = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    form = forms.ChoiceField(label=_("Format"), choices=DialogueForm.choices, initial=DialogueForm.IN_PERSON)
    meeting_link = forms.URLField(label=_("Meeting link (online and hybrid)"), required=False)
    takes_indirect_opinions = forms.BooleanField(
        label=_("Also take indirect opinions (letters, email, the Front, the media)"), required=False, initial=True
    )
    date = forms.DateField(label=_("Conference date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), initial=datetime.time(7, 30), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(label=_("End time"), initial=datetime.time(11, 30), widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    expected_citizens = forms.IntegerField(label=_("Expected number of citizens"), min_value=0, initial=0)
    hosts = AppointmentMultipleChoiceField(Appointment.objects.none(), label=_("Host or co-hosts"))
    delegate = AppointmentChoiceField(Appointment.objects.none(), label=_("Delegated to (force majeure)"), required=False)
    delegated_host = AppointmentChoiceField(Appointment.objects.none(), label=_("On behalf of"), required=False)
    delegation_reason = forms.CharField(label=_("Reason for the delegation"), required=False)
    advising_office = forms.ModelChoiceField(
        Organization.objects.none(), label=_("Advising office (leave empty to follow the regulation)"), required=False
    )
    advising_override_reason = forms.CharField(label=_("Reason for choosing another advising office"), required=False)
    notice_justification = forms.CharField(
        label=_("Justification if the notice period can no longer be met"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = units if units is not None else AdministrativeUnit.objects.none()
        today = timezone.localdate()
        self.fields["unit"].queryset = units
        people = Appointment.objects.active_on(today).filter(organization__unit__in=units)
        people = people.select_related("person", "position", "organization__unit")
        hosts = people.filter(pk__in=_host_candidate_ids(units, today))
        self.fields["hosts"].queryset = hosts
        self.fields["delegated_host"].queryset = hosts
        self.fields["delegate"].queryset = people
        self.fields["advising_office"].queryset = Organization.objects.filter(unit__in=units, is_active=True)
        self.add_participant_fields(units)

    def clean(self):
        data = super().clean()
        unit, day = data.get("unit"), data.get("date")
        for field, message in plan_problems(data):
            self.add_error(field, message)
        if unit and day:
            profile = profile_for(unit, day)
            if profile is None:
                self.add_error("unit", _("No regulation profile applies to this unit on that date."))
            else:
                self._check_hosts(data, profile, unit, day)
        return data

    def _check_hosts(self, data, profile, unit, day) -> None:
        allowed = {appointment.pk for appointment in host_candidates(profile, unit, day)}
        for appointment in data.get("hosts") or []:
            if appointment.pk not in allowed:
                self.add_error(
                    "hosts", _("%(name)s cannot host a dialogue of this unit on that date.") % {"name": appointment.person}
                )
        delegate, host = data.get("delegate"), data.get("delegated_host")
        if delegate or host:
            if not (delegate and host and (data.get("delegation_reason") or "").strip()):
                self.add_error("delegation_reason", _("A delegation needs the host, the deputy and the reason."))
            elif host not in (data.get("hosts") or []):
                self.add_error("delegated_host", _("The delegating person must be one of the hosts."))
            elif delegate.pk not in {a.pk for a in delegate_candidates(profile, unit, host.position.code, day)}:
                self.add_error("delegate", _("The regulation does not let this host delegate to that person."))

    def save(self, user) -> Dialogue:
        """Plan the dialogue from the valid form through lifecycle.create_dialogue (the planning screen and the
        plan made from a voters' request share it)."""
        data = self.cleaned_data
        delegate, delegated_host = data.get("delegate"), data.get("delegated_host")
        hosts = []
        for appointment in data["hosts"]:
            if delegate and appointment == delegated_host:
                hosts.append(lifecycle.HostChoice(delegate, appointment, data["delegation_reason"]))
            else:
                hosts.append(lifecycle.HostChoice(appointment))
        fields = {
            name: data[name]
            for name in (
                "unit",
                "title",
                "kind",
                "topic",
                "ad_hoc_reason",
                "description",
                "form",
                "meeting_link",
                "takes_indirect_opinions",
                "date",
                "start_time",
                "end_time",
                "venue",
                "expected_citizens",
                "notice_justification",
            )
        }
        groups, agencies = self.participant_choices()
        return lifecycle.create_dialogue(
            user,
            hosts=hosts,
            advising_office=data.get("advising_office"),
            advising_override_reason=data.get("advising_override_reason") or "",
            groups=groups,
            agencies=agencies,
            **fields,
        )


class HostsForm(forms.Form):
    """Change the host or co-hosts after planning, before the conference, with the reason (issue 11)."""

    hosts = AppointmentMultipleChoiceField(Appointment.objects.none(), label=_("Host or co-hosts"))
    delegate = AppointmentChoiceField(Appointment.objects.none(), label=_("Delegated to (force majeure)"), required=False)
    delegated_host = AppointmentChoiceField(Appointment.objects.none(), label=_("On behalf of"), required=False)
    delegation_reason = forms.CharField(label=_("Reason for the delegation"), required=False, max_length=2000)
    reason = forms.CharField(label=_("Reason for the change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, dialogue: Dialogue, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = Appointment.objects.active_on(dialogue.date).filter(organization__unit=dialogue.unit)
        people = people.select_related("person", "position", "organization__unit")
        allowed = [appointment.pk for appointment in host_candidates(dialogue.profile, dialogue.unit, dialogue.date)]
        self.fields["hosts"].queryset = people.filter(pk__in=allowed)
        self.fields["delegated_host"].queryset = people.filter(pk__in=allowed)
        self.fields["delegate"].queryset = people
        current = [host.person_id for host in dialogue.hosts.all()]
        self.initial.setdefault("hosts", list(people.filter(pk__in=allowed, person_id__in=current)))

    def clean(self):
        data = super().clean()
        delegate, host = data.get("delegate"), data.get("delegated_host")
        if bool(delegate) != bool(host):
            self.add_error("delegation_reason", _("A delegation needs the host, the deputy and the reason."))
        elif host is not None and host not in (data.get("hosts") or []):
            self.add_error("delegated_host", _("The delegating person must be one of the hosts."))
        return data

    def host_choices(self) -> list:
        """HostChoice rows for dialogues.record.change_hosts (which checks them against the profile)."""
        from .lifecycle import HostChoice

        data = self.cleaned_data
        delegate, host, reason = data.get("delegate"), data.get("delegated_host"), data.get("delegation_reason") or ""
        return [
            HostChoice(delegate, appointment, reason) if delegate and appointment == host else HostChoice(appointment)
            for appointment in data["hosts"]
        ]


class CustodianForm(forms.Form):
    """The office the chair names to make and keep an ad hoc dialogue's dossier (002 IV.4.1)."""

    office = forms.ModelChoiceField(Organization.objects.none(), label=_("Office keeping the dossier"))
    note = forms.CharField(label=_("Named by the chair in (document, date)"), max_length=2000)

    def __init__(self, *args, dialogue: Dialogue, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Organization.objects.filter(unit=dialogue.unit, is_active=True)


class MediaForm(forms.Form):
    """One media announcement: a channel of the profile (or another, named), its date and link."""

    channel = forms.ChoiceField(label=_("Channel"), required=False)
    other_name = forms.CharField(label=_("Other channel"), max_length=200, required=False)
    on = forms.DateField(label=_("Published on"), widget=forms.DateInput(attrs={"type": "date"}))
    link = forms.URLField(label=_("Link"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, dialogue: Dialogue, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        channels = [(rule.code, rule.name) for rule in dialogue.profile.media_channels.all()]
        self.fields["channel"].choices = [*channels, ("", _("Another channel (name it)"))]


class DutyFileForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, Word, scan)"))
    on = forms.DateField(label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}))
