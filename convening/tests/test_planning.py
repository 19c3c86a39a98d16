"""Plan the dialogue from the request (Luật 72/2025/QH15 Điều 43, tóm tắt: the commune convenes the dialogue its
voters asked for): the planning form opens prefilled from the request, and the dialogue it creates fulfils the duty."""

import datetime

import pytest
from django.urls import reverse

from common import dates
from convening import requests
from convening.models import ConveningRequest, PlanningDuty, RequestState
from dialogues.models import Dialogue
from organizations.models import Appointment

from .factories import scan, secretary

pytestmark = pytest.mark.django_db
TITLE = "Đề nghị đối thoại về dự án cải tạo chợ Hồng An"


def _reached(commune) -> ConveningRequest:
    staff = commune.ward.staff
    requests.record_voters(staff, unit=commune.unit, as_of=datetime.date(2026, 1, 5), voters=1000, source="Danh sách cử tri 2026")
    item = requests.receive_request(
        staff,
        unit=commune.unit,
        title=TITLE,
        content="Cử tri tổ dân phố số 1 và số 2 đề nghị tổ chức đối thoại về dự án cải tạo chợ.",
        representative_name="Lương Thị Xuân Mai",
        representative_contact="0912 345 678",
        received_on=dates.today() - datetime.timedelta(days=5),
    )
    requests.add_signatures(item, staff, supporters=100, scan=scan())
    item.refresh_from_db()
    return item


def _payload(commune, host: Appointment, days: int = 25) -> dict:
    return {
        "unit": commune.unit.pk,
        "title": TITLE,
        "kind": "thematic",
        "topic": "policy",
        "description": "Theo yêu cầu của cử tri.",
        "form": "in_person",
        "takes_indirect_opinions": "on",
        "date": (dates.today() + datetime.timedelta(days=days)).isoformat(),
        "start_time": "07:30",
        "end_time": "11:30",
        "venue": "Hội trường UBND phường Hồng An",
        "expected_citizens": "150",
        "hosts": [host.pk],
        "agency_0": "",
    }


def test_the_form_opens_prefilled_from_the_request(client, commune):
    item = _reached(commune)
    secretary(commune)
    client.force_login(commune.ward.staff)
    assert 'id="plan-from-request"' in client.get(reverse("convening:detail", args=[item.pk])).content.decode()
    response = client.get(reverse("convening:plan", args=[item.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == TITLE and form.initial["kind"] == "thematic" and form.initial["unit"] == commune.unit.pk
    assert "100 người ủng hộ, mức cần đạt 100" in form.initial["description"]
    assert list(form.fields["unit"].queryset) == [commune.unit]
    assert 'id="from-request"' in response.content.decode()


def test_luat72_d43_the_dialogue_planned_from_the_request_fulfils_the_duty(client, commune):
    item = _reached(commune)
    host = secretary(commune)
    client.force_login(commune.ward.staff)
    response = client.post(reverse("convening:plan", args=[item.pk]), _payload(commune, host))
    planned = Dialogue.objects.get()
    assert response.status_code == 302 and response.url == reverse("dialogues:detail", args=[planned.pk])
    duty = PlanningDuty.objects.get(request=item)
    item.refresh_from_db()
    assert duty.dialogue == planned and duty.fulfilled_on == dates.today() and item.state == RequestState.PLANNED
    assert planned.title == TITLE and planned.kind == "thematic" and planned.steps.exists()
    again = client.get(reverse("convening:plan", args=[item.pk]))
    assert again.status_code == 302, "the duty is closed: no second dialogue from the same request"


def test_a_dialogue_dated_before_the_request_is_refused_and_nothing_is_written(client, commune):
    """link_dialogue refuses a dialogue held before the request was received: the dialogue is not created either."""
    item = _reached(commune)
    host = secretary(commune)
    client.force_login(commune.ward.staff)
    payload = _payload(commune, host, days=-10)
    payload["notice_justification"] = "Hội nghị đã được tổ chức trước khi nhận yêu cầu."
    response = client.post(reverse("convening:plan", args=[item.pk]), payload)
    assert response.status_code == 400
    assert "từ ngày nhận yêu cầu trở đi" in " ".join(response.context["form"].non_field_errors())
    assert not Dialogue.objects.exists()
    assert PlanningDuty.objects.get(request=item).dialogue is None


def test_before_the_threshold_or_without_the_right_there_is_no_planning_from_the_request(client, commune):
    item = _reached(commune)
    client.force_login(commune.ward.officer)
    assert client.get(reverse("convening:plan", args=[item.pk])).status_code == 403
    PlanningDuty.objects.filter(request=item).delete()
    client.force_login(commune.ward.staff)
    assert client.get(reverse("convening:plan", args=[item.pk])).status_code == 403
    assert not Dialogue.objects.exists()
