"""The opinion screens: intake, Form 4, import with preview, matter page actions, inbox, overdue, Form 5."""

import datetime
import io

import pytest
from openpyxl import Workbook

from petitions.importing import COLUMNS
from petitions.models import Case, Petition

from .helpers import assigned, field, receive, user

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(user(username))
    return client


def _hong_an():
    """Phường Hồng An, the demo's ward where the office receives opinions."""
    return Petition._meta.get_field("unit").related_model.objects.get(code="31-HONGAN")


def _intake_form(**changes) -> dict:
    """The staff intake form for Hồng An filled as the office would: Lê Thị E's opinion by email."""
    unit = _hong_an()
    data = {
        "unit": unit.pk,
        "channel": "email",
        "received_on": "2026-11-02",
        "content": "Đề nghị lắp đèn đường ngõ 8",
        "kind": "person",
        "full_name": "Lê Thị E",
    }
    return {**data, **changes}


def test_intake_form_gives_a_tracking_code(client, demo):
    login(client, "vanphong")
    response = client.post("/y-kien/tiep-nhan/", _intake_form(), follow=True)
    petition = Petition.objects.get()
    assert petition.tracking_code in response.content.decode()
    assert petition.petitioner.full_name == "Lê Thị E"


def test_intake_refuses_a_phone_of_letters_and_writes_nothing(client, demo):
    """A named petitioner must be answered (003 Điều 10.2): "abc" as a phone would leave the office no way back.
    The staff intake refuses it as the public form does, and keeps what was typed."""
    login(client, "vanphong")
    response = client.post("/y-kien/tiep-nhan/", _intake_form(phone="abc"))
    page = response.content.decode()
    assert response.status_code == 400 and "chỉ gồm chữ số" in page and "Lê Thị E" in page
    assert not Petition.objects.exists()
    response = client.post("/y-kien/tiep-nhan/", _intake_form(phone="0912 345 678"))
    assert response.status_code == 302 and Petition.objects.get().petitioner.phone == "0912 345 678"


def test_intake_is_for_the_advising_office(client, demo):
    assert login(client, "canbo").get("/y-kien/tiep-nhan/").status_code == 403


def test_form_4_page_makes_one_record_per_filled_field(client, demo):
    login(client, "vanphong")
    unit = _hong_an()
    data = {
        "unit": unit.pk,
        "received_on": "2026-11-02",
        "kind": "person",
        "full_name": "Phan Văn F",
        f"field_{field('kinh_te').pk}": "Chợ tạm lấn chiếm vỉa hè",
        f"field_{field('van_hoa_xa_hoi').pk}": "Thiếu sân chơi cho trẻ em",
    }
    client.post("/y-kien/phieu-mau-4/", data)
    assert Petition.objects.count() == 2 and Petition.objects.values("sheet").distinct().count() == 1


def test_import_preview_then_confirm(client, demo):
    login(client, "vanphong")
    book = Workbook()
    book.active.append(list(COLUMNS.values()))
    book.active.append(["Đề nghị nạo vét cống tổ 3", "Kinh tế", "front", "02/11/2026", "", "", "", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "y-kien.xlsx"
    unit = _hong_an()
    preview = client.post("/y-kien/nhap-tep/", {"unit": unit.pk, "file": buffer})
    assert preview.status_code == 200 and Petition.objects.count() == 0
    token = preview.context["token"]
    client.post("/y-kien/nhap-tep/", {"token": token})
    assert Petition.objects.count() == 1
    assert client.post("/y-kien/nhap-tep/", {"token": token + "x"}).status_code == 302


def test_matter_page_classify_assign_answer_approve(client, demo):
    case = receive().case
    login(client, "vanphong")
    client.post(f"/y-kien/vu-viec/{case.pk}/phan-loai/", {"field": field("kinh_te").pk, "jurisdiction": "within"})
    agency = case.unit.organizations.get(code="ha-pkt")
    client.post(f"/y-kien/vu-viec/{case.pk}/giao/", {"agency": agency.pk, "due": "2026-12-20"})
    case.refresh_from_db()
    assert (case.status, case.agency_id, case.due) == ("assigned", agency.pk, datetime.date(2026, 12, 20))
    login(client, "canbo").post(f"/y-kien/vu-viec/{case.pk}/tra-loi/", {"outcome": "resolved", "answer": "Đã sửa xong."})
    login(client, "lanhdao").post(f"/y-kien/vu-viec/{case.pk}/duyet/")
    case.refresh_from_db()
    assert case.status == "closed" and case.approved_by.username == "lanhdao"


def test_inbox_lists_my_agency_s_matters(client, demo):
    case = assigned()
    assert case.summary[:20] in login(client, "canbo").get("/y-kien/hop-thu/").content.decode()
    assert case.summary[:20] not in login(client, "mattran").get("/y-kien/hop-thu/").content.decode()


def test_overdue_list(client, demo):
    late = assigned(due=datetime.date(2026, 11, 3))
    html = login(client, "mattran").get("/y-kien/qua-han/").content.decode()
    assert late.summary[:20] in html and "step-overdue" in html
    assert login(client, "canbo").get("/y-kien/qua-han/").status_code == 403


def test_counts_and_form_5_compilation(client, demo):
    assigned()
    receive("Trộm cắp ở tổ 6")
    login(client, "vanphong")
    listing = client.get("/y-kien/").content.decode()
    assert "Kinh tế" in listing
    report = client.get("/y-kien/tong-hop/")
    assert report.context["grand_total"] == 2
    assert report.context["by_field"]["Kinh tế"]["within"] == 1
    assert Case.objects.count() == 2


def test_follow_up_from_the_intake_screen(client, demo):
    first = receive()
    login(client, "vanphong")
    data = {
        "unit": first.unit_id,
        "channel": "letter",
        "received_on": "2026-11-20",
        "content": "Ngõ 12 vẫn chưa được sửa",
        "kind": "unknown",
        "follow_up_of": first.tracking_code.lower(),
    }
    client.post("/y-kien/tiep-nhan/", data)
    assert Petition.objects.get(content="Ngõ 12 vẫn chưa được sửa").follow_up_of == first
    data["follow_up_of"] = "YK-KHONGCO"
    assert client.post("/y-kien/tiep-nhan/", data).status_code == 400


def test_filter_by_field(client, demo):
    assigned()
    receive("Trộm cắp ở tổ 6")
    login(client, "vanphong")
    html = client.get("/y-kien/", {"linh_vuc": field("kinh_te").pk}).content.decode()
    assert "ngõ 12" in html and "Trộm cắp" not in html


def test_search_and_merge_by_hand_before_classification(client, demo):
    """Issue 11 finding 6: grouping no longer waits for suggestions; reading the search writes nothing."""
    first = receive("Đèn đường tổ 5 hỏng nhiều tháng")
    second = receive("Ngõ 7 tổ 5 mất điện chiếu sáng ban đêm")
    login(client, "vanphong")
    page = client.get(f"/y-kien/vu-viec/{first.case_id}/", {"gop": second.tracking_code}).content.decode()
    assert 'id="merge-search"' in page and "Ngõ 7 tổ 5" in page
    assert Case.objects.filter(pk=second.case_id).exists(), "the search itself changes nothing"
    page = client.get(f"/y-kien/vu-viec/{first.case_id}/", {"gop": "chieu sang"}).content.decode()
    assert "Ngõ 7 tổ 5" in page
    client.post(f"/y-kien/vu-viec/{first.case_id}/gop/", {"others": [second.case_id]})
    second.refresh_from_db()
    assert second.case_id == first.case_id


def test_the_front_enters_the_opinions_it_collects_by_its_channel(client, demo):
    """Issue 11 finding 6: "Qua Ủy ban MTTQ" is a channel, so the Front records what it collects (001 IV.1.4)."""
    unit = _hong_an()
    login(client, "mattran")
    assert client.get("/y-kien/tiep-nhan/").status_code == 200
    opinion = {"unit": unit.pk, "received_on": "2026-11-02", "content": "Đề nghị sửa cống tổ 2", "kind": "unknown"}
    response = client.post("/y-kien/tiep-nhan/", {**opinion, "channel": "email"})
    assert response.status_code == 400 and "Qua Ủy ban Mặt trận Tổ quốc" in response.content.decode()
    assert not Petition.objects.exists()
    client.post("/y-kien/tiep-nhan/", {**opinion, "channel": "front"})
    assert Petition.objects.get().channel == "front"
