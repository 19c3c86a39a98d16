"""The dialogue's record after planning (issues 11-12): hosts, archive with a reason, custodian, media, duties.

Each rule with its clause; each refusal also checks that nothing was written.
"""

import datetime

import pytest
from django.contrib.auth.models import User

from common.tests.clock import today_is
from common.tests.files import PDF
from dialogues import lifecycle, record
from dialogues.models import Dialogue, DialogueDuty, DialogueEvent, DialogueHost, MediaAnnouncement
from regulations.loading import copy_profile
from regulations.models import ArchiveRule, HostRule, ProfileBinding, RegulationProfile, archive_rule_for

from .record_world import FAR, commune, load_profiles, plan

pytestmark = pytest.mark.django_db
AFTER = datetime.date(2027, 3, 20)


@pytest.fixture
def place():
    load_profiles()
    return commune()


def _snapshot(dialogue: Dialogue) -> tuple:
    dialogue = Dialogue.objects.get(pk=dialogue.pk)
    hosts = sorted(DialogueHost.objects.filter(dialogue=dialogue).values_list("person__full_name", flat=True))
    return (dialogue.status, dialogue.advising_office_id, hosts, DialogueEvent.objects.filter(dialogue=dialogue).count())


def _admin_copy(place) -> RegulationProfile:
    """An administrator's copy of Hồng An's profile bound to the ward (shipped profiles are read-only)."""
    shipped = RegulationProfile.objects.get(code="hong-an-qt-vp12")
    copy = copy_profile(shipped, "hong-an-ban-sao", "Bản sao quy trình Hồng An")
    ProfileBinding.objects.filter(unit=place.unit).update(profile=copy)
    return copy


def _concluded(place, monkeypatch) -> Dialogue:
    dialogue = plan(place)
    today_is(monkeypatch, AFTER)
    lifecycle.announce(dialogue, place.staff, datetime.date(2027, 3, 1))
    lifecycle.hold(dialogue, place.staff, FAR)
    return lifecycle.conclude(dialogue, place.staff, datetime.date(2027, 3, 12))


# --- 1. Hosts after planning -------------------------------------------------------------------


def test_hosts_change_before_the_conference_is_recorded_old_to_new_with_reason(place):
    """003 Điều 7, 000 mục 2: a co-host added after planning; the history reads "A → B" with the reason."""
    dialogue = plan(place)
    record.change_hosts(
        dialogue,
        place.staff,
        [lifecycle.HostChoice(place.secretary), lifecycle.HostChoice(place.chair)],
        "Chủ tịch UBND cùng chủ trì theo chỉ đạo",
    )
    assert sorted(h.person.full_name for h in dialogue.hosts.all()) == ["Nguyễn Văn Hùng", "Phạm Minh Đức"]
    event = dialogue.events.get(action="hosts")
    assert event.reason == "Nguyễn Văn Hùng → Nguyễn Văn Hùng, Phạm Minh Đức. Lý do: Chủ tịch UBND cùng chủ trì theo chỉ đạo"
    assert str(event.action_label) == "Đổi chủ trì"


def test_host_kind_change_moves_the_advising_office_and_the_pending_steps(place):
    """003 Điều 7.1-7.2 read as data: the Chairman's office advises the Chairman; steps follow the office."""
    profile = _admin_copy(place)
    HostRule.objects.create(
        profile=profile, position="committee_chair", level="commune", advising_office="pc_office", citation="003 Điều 7.2"
    )
    dialogue = plan(place)
    assert dialogue.advising_office == place.party_office
    record.change_hosts(dialogue, place.staff, [lifecycle.HostChoice(place.chair)], "Bí thư đi công tác dài ngày")
    dialogue.refresh_from_db()
    assert dialogue.advising_office == place.pc_office
    owners = dict(dialogue.steps.filter(status="pending").values_list("code", "owner__name"))
    assert owners["classify"] == place.pc_office.name
    assert owners["hold"] == "Ủy ban nhân dân phường Hồng An"
    assert dialogue.events.get(action="hosts").detail["advising_office"] == [place.party_office.name, place.pc_office.name]


def test_hosts_cannot_change_after_the_conference_and_nothing_is_written(place, monkeypatch):
    """Issue 11: hosts change until the conference is held, then the minutes record who hosted."""
    dialogue = plan(place)
    today_is(monkeypatch, AFTER)
    lifecycle.announce(dialogue, place.staff, datetime.date(2027, 3, 1))
    lifecycle.hold(dialogue, place.staff, FAR)
    before = _snapshot(dialogue)
    with pytest.raises(lifecycle.TransitionError, match="Hội nghị đã diễn ra"):
        record.change_hosts(dialogue, place.staff, [lifecycle.HostChoice(place.chair)], "Muộn")
    assert _snapshot(dialogue) == before


def test_a_host_the_profile_does_not_allow_is_refused_and_nothing_is_written(place):
    """000 mục 2 / 003 Điều 2.1: a deputy is no host in their own right (only on a head's behalf)."""
    dialogue = plan(place)
    before = _snapshot(dialogue)
    with pytest.raises(lifecycle.TransitionError, match="không được chủ trì"):
        record.change_hosts(dialogue, place.staff, [lifecycle.HostChoice(place.deputy)], "Thử")
    with pytest.raises(lifecycle.TransitionError, match="lý do"):
        record.change_hosts(dialogue, place.staff, [lifecycle.HostChoice(place.chair)], "  ")
    assert _snapshot(dialogue) == before


def test_hosts_api_uses_the_same_verb_and_refuses_with_400(client, place):
    dialogue = plan(place)
    client.force_login(place.staff)
    url = f"/api/v1/dialogues/{dialogue.pk}/hosts"
    before = _snapshot(dialogue)
    bad = client.post(url, {"hosts": [{"appointment": place.deputy.pk}], "reason": "Thử"}, content_type="application/json")
    assert bad.status_code == 400 and "không được chủ trì" in bad.json()["message"]
    assert _snapshot(dialogue) == before
    good = client.post(url, {"hosts": [{"appointment": place.chair.pk}], "reason": "Đổi"}, content_type="application/json")
    assert good.status_code == 200 and [h["person"] for h in good.json()["hosts"]] == ["Phạm Minh Đức"]


def test_agencies_api_changes_the_co_operating_agencies_before_the_conference(client, place):
    dialogue = plan(place)
    client.force_login(place.staff)
    body = {"agencies": [{"organization": place.division.code, "task": "Chuẩn bị trả lời về đất đai"}], "reason": "Bổ sung"}
    assert client.post(f"/api/v1/dialogues/{dialogue.pk}/agencies", body, content_type="application/json").status_code == 200
    assert list(dialogue.cooperating_agencies.values_list("organization__name", flat=True)) == [place.division.name]
    assert "Phòng Kinh tế phường Hồng An" in dialogue.events.get(action="agencies").reason


def test_an_agency_member_may_not_change_the_hosts(client, place):
    dialogue = plan(place)
    client.force_login(place.outsider)
    assert client.get(f"/doi-thoai/{dialogue.pk}/chu-tri/").status_code == 403
    body = {"hosts": [{"appointment": place.chair.pk}], "reason": "Đổi"}
    assert client.post(f"/api/v1/dialogues/{dialogue.pk}/hosts", body, content_type="application/json").status_code == 403
    assert [h.person.full_name for h in dialogue.hosts.all()] == ["Nguyễn Văn Hùng"]


# --- 2. Archive with items missing -----------------------------------------------------------


def test_shipped_profiles_refuse_an_incomplete_archive_even_with_a_reason(place, monkeypatch):
    """003 Điều 15.2 lists the whole dossier and allows no gap; Hồng An inherits it; nothing is written."""
    dialogue = _concluded(place, monkeypatch)
    assert archive_rule_for(dialogue.profile).citation == "003 Điều 15.2"
    before = _snapshot(dialogue)
    with pytest.raises(lifecycle.TransitionError, match=r"không cho phép lưu hồ sơ còn thiếu \(003 Điều 15.2\)"):
        lifecycle.archive(dialogue, place.staff, AFTER, incomplete_reason="Cơ quan chưa nộp báo cáo")
    assert _snapshot(dialogue) == before
    assert Dialogue.objects.get(pk=dialogue.pk).archived_incomplete_reason == ""


def test_a_profile_that_allows_it_archives_with_the_reason_and_the_list_kept(place, monkeypatch):
    """An administrator's profile allowing it (ArchiveRule allowed): reason and what was missing are kept."""
    profile = _admin_copy(place)
    ArchiveRule.objects.filter(profile=profile).delete()
    ArchiveRule.objects.create(profile=profile, incomplete="allowed", citation="Quyết định của Ban Thường vụ (thử)")
    dialogue = _concluded(place, monkeypatch)
    missing = lifecycle.archive_blockers(dialogue)
    assert missing
    with pytest.raises(lifecycle.TransitionError, match="Chưa thể lưu hồ sơ"):
        lifecycle.archive(dialogue, place.staff, AFTER)  # no reason: still refused
    lifecycle.archive(dialogue, place.staff, AFTER, incomplete_reason="Hồ sơ gốc thất lạc do bão")
    dialogue.refresh_from_db()
    assert dialogue.status == "archived"
    assert dialogue.archived_incomplete_reason == "Hồ sơ gốc thất lạc do bão"
    assert dialogue.archived_missing == missing
    event = dialogue.events.get(action="archive")
    assert event.reason == "Hồ sơ gốc thất lạc do bão" and event.detail["missing"] == missing


def test_archive_screen_offers_the_reason_form_only_where_the_profile_allows(client, place, monkeypatch):
    dialogue = _concluded(place, monkeypatch)
    client.force_login(place.staff)
    page = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert 'id="archive-refused"' in page and 'id="archive-incomplete"' not in page
    refused = client.post(
        f"/doi-thoai/{dialogue.pk}/chuyen/archive/", {"confirm": "yes", "incomplete_reason": "Thiếu", "on": "2027-03-20"}
    )
    assert refused.status_code == 400 and Dialogue.objects.get(pk=dialogue.pk).status == "concluded"
    profile = _admin_copy(place)
    ArchiveRule.objects.filter(profile=profile).update(incomplete="allowed")
    ArchiveRule.objects.get_or_create(profile=profile, defaults={"incomplete": "allowed", "citation": "thử"})
    Dialogue.objects.filter(pk=dialogue.pk).update(profile=profile)
    page = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert 'id="archive-incomplete"' in page and "Lưu hồ sơ kèm lý do" in page


# --- 3. Dossier custodian of an ad hoc dialogue ------------------------------------------------


def test_ad_hoc_custodian_named_by_the_chair_is_recorded_and_keeps_the_dossier(place):
    """002 IV.4.1: "do chủ trì hội nghị phân công cho cơ quan chuyên môn lập hồ sơ, lưu trữ tài liệu"."""
    dialogue = plan(place, kind="ad_hoc")
    record.name_custodian(dialogue, place.staff, place.division, "Văn bản phân công số 12/PC ngày 05/3/2027")
    dialogue.refresh_from_db()
    assert dialogue.dossier_keeper == place.division
    assert "Phòng Kinh tế phường Hồng An" in dialogue.events.get(action="custodian").reason


def test_a_periodic_dialogue_keeps_its_dossier_at_the_advising_office_and_nothing_is_written(place):
    """002 IV.4.1: periodic and thematic dossiers stay with the Party office or the People's Committee office."""
    dialogue = plan(place)
    before = _snapshot(dialogue)
    with pytest.raises(lifecycle.TransitionError, match="đột xuất"):
        record.name_custodian(dialogue, place.staff, place.division, "Phân công")
    assert _snapshot(dialogue) == before and Dialogue.objects.get(pk=dialogue.pk).dossier_custodian is None


def test_custodian_screen_shows_it_on_the_dossier_page(client, place):
    dialogue = plan(place, kind="ad_hoc")
    client.force_login(place.staff)
    bad = client.post(f"/doi-thoai/{dialogue.pk}/luu-ho-so/", {"office": place.division.pk, "note": ""})
    assert bad.status_code == 400 and Dialogue.objects.get(pk=dialogue.pk).dossier_custodian is None
    ok = client.post(f"/doi-thoai/{dialogue.pk}/luu-ho-so/", {"office": place.division.pk, "note": "Văn bản 12/PC"})
    assert ok.status_code == 302
    page = client.get(f"/van-ban/doi-thoai/{dialogue.pk}/ho-so/").content.decode()
    assert 'id="dossier-keeper">Phòng Kinh tế phường Hồng An<' in page


# --- 4. Media announcement ---------------------------------------------------------------------


@pytest.fixture
def gia_vien():
    load_profiles()
    return commune("31-GIAVIEN", "Gia Viên", "gia-vien-2025")


def _gia_vien_dialogue(place, monkeypatch, **fields):
    """A 2025 dialogue (the plan binds 2025 only), planned then, early enough for its notice."""
    today_is(monkeypatch, datetime.date(2025, 9, 1))
    return plan(place, date=datetime.date(2025, 11, 5), hosts=[lifecycle.HostChoice(place.secretary)], **fields)


def test_required_channels_come_from_the_profile_with_their_clause(place):
    """002 V.3 (Tân Kỳ): đài truyền thanh, cổng thông tin điện tử, fanpage; 001 III.2 (Gia Viên): city press."""
    tan_ky = RegulationProfile.objects.get(code="tan-ky-2025").media_channels.all()
    assert [c.code for c in tan_ky] == ["dai_truyen_thanh", "cong_thong_tin_dien_tu", "fanpage"]
    assert {c.citation for c in tan_ky} == {"002 V.3"}
    gia_vien = RegulationProfile.objects.get(code="gia-vien-2025").media_channels.all()
    assert [c.name for c in gia_vien][0] == "Báo và Phát thanh, Truyền hình Hải Phòng"
    assert {c.citation for c in gia_vien} == {"001 III.2"}


def test_each_channel_and_date_is_recorded_and_the_missing_ones_listed(gia_vien, monkeypatch):
    dialogue = _gia_vien_dialogue(gia_vien, monkeypatch)
    record.record_media(dialogue, gia_vien.staff, "bao_ptth_hai_phong", datetime.date(2025, 9, 1), link="https://baohaiphong.vn/a")
    checks = record.media_checklist(dialogue)
    assert [(c.rule.code, c.on) for c in checks][0] == ("bao_ptth_hai_phong", datetime.date(2025, 9, 1))
    assert record.missing_channels(dialogue) == ["Cổng thông tin điện tử thành phố", "Chuyên đề An ninh Hải Phòng"]


def test_a_future_date_or_an_unknown_channel_is_refused_and_nothing_is_written(gia_vien, monkeypatch):
    """Dates of record are never in the future (common.dates); channels are the profile's or named."""
    dialogue = _gia_vien_dialogue(gia_vien, monkeypatch)
    events = dialogue.events.count()
    with pytest.raises(lifecycle.TransitionError, match="không được sau ngày hôm nay"):
        record.record_media(dialogue, gia_vien.staff, "bao_ptth_hai_phong", datetime.date(2025, 9, 2))
    with pytest.raises(lifecycle.TransitionError, match="không có trong quy định"):
        record.record_media(dialogue, gia_vien.staff, "vtv", datetime.date(2025, 9, 1))
    with pytest.raises(lifecycle.TransitionError, match="tên kênh"):
        record.record_media(dialogue, gia_vien.staff, "", datetime.date(2025, 9, 1))
    assert MediaAnnouncement.objects.count() == 0 and dialogue.events.count() == events


def test_media_screen_shows_the_checklist_and_refuses_bad_input_with_400(client, gia_vien, monkeypatch):
    dialogue = _gia_vien_dialogue(gia_vien, monkeypatch)
    client.force_login(gia_vien.staff)
    bad = client.post(f"/doi-thoai/{dialogue.pk}/dua-tin/", {"channel": "bao_ptth_hai_phong", "on": "2025-12-01"})
    assert bad.status_code == 400 and MediaAnnouncement.objects.count() == 0
    assert "không được sau ngày hôm nay" in bad.content.decode()
    other = {"channel": "", "other_name": "Đài truyền thanh phường", "on": "2025-09-01"}
    ok = client.post(f"/doi-thoai/{dialogue.pk}/dua-tin/", other)
    assert ok.status_code == 302
    page = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert "Kênh bắt buộc chưa đưa tin" in page and "Đài truyền thanh phường" in page
    assert 'data-channel="bao_ptth_hai_phong" class="missing"' in page


# --- 5. Socio-economic report -----------------------------------------------------------------


def test_the_socio_economic_report_is_a_duty_of_the_pc_office_due_by_the_conference(gia_vien, monkeypatch):
    """001 IV.1.2 (the People's Committee office leads, the Party office helps) and III.3.3 (presented there)."""
    dialogue = _gia_vien_dialogue(gia_vien, monkeypatch)
    duty = dialogue.duties.get(code="socio_economic_report")
    assert (duty.owner, duty.with_office, duty.due) == (gia_vien.pc_office, gia_vien.party_office, dialogue.date)
    assert duty.citation == "001 IV.1.2" and duty.state() == "pending"
    assert not plan_duties_for_hong_an()


def plan_duties_for_hong_an() -> list:
    """Hồng An's QT-VP.12 sets no such duty: none is created there."""
    return list(DialogueDuty.objects.filter(dialogue__unit__code="31-HONGAN"))


def test_its_file_goes_into_the_dossier_and_marks_it_done(gia_vien, monkeypatch):
    from documents.dossier import checklist

    dialogue = _gia_vien_dialogue(gia_vien, monkeypatch)
    duty = dialogue.duties.get(code="socio_economic_report")
    record.file_duty(duty, gia_vien.staff, "bao-cao-kt-xh.pdf", PDF, datetime.date(2025, 9, 1))
    duty.refresh_from_db()
    assert duty.state() == "done" and duty.file_name == "bao-cao-kt-xh.pdf"
    item = next(i for i in checklist(dialogue) if i.rule.code == "socio_economic_report")
    assert item.status == "uploaded" and [f.name for f in item.files] == ["socio_economic_report-bao-cao-kt-xh.pdf"]


def test_a_bad_file_or_a_future_date_is_refused_and_nothing_is_written(client, gia_vien, monkeypatch):
    dialogue = _gia_vien_dialogue(gia_vien, monkeypatch)
    duty = dialogue.duties.get(code="socio_economic_report")
    with pytest.raises(lifecycle.TransitionError):
        record.file_duty(duty, gia_vien.staff, "bao-cao.pdf", b"MZ\x90\x00 not a pdf", datetime.date(2025, 9, 1))
    with pytest.raises(lifecycle.TransitionError, match="không được sau ngày hôm nay"):
        record.file_duty(duty, gia_vien.staff, "bao-cao.pdf", PDF, datetime.date(2025, 9, 5))
    client.force_login(User.objects.get(username="canbo-31-giavien"))  # a division officer: not the duty's office
    assert client.post(f"/doi-thoai/{dialogue.pk}/viec/{duty.pk}/", {"on": "2025-09-01"}).status_code == 403
    duty.refresh_from_db()
    assert duty.done_on is None and not duty.file and not dialogue.events.filter(action="duty_done").exists()


def test_hosts_screen_changes_the_hosts_and_refuses_without_a_reason_with_400(client, place):
    dialogue = plan(place)
    client.force_login(place.staff)
    url = f"/doi-thoai/{dialogue.pk}/chu-tri/"
    page = client.get(url).content.decode()
    assert "Phạm Minh Đức" in page and "Trần Thị Lan" in page  # the deputy is offered only as a delegate
    before = _snapshot(dialogue)
    assert client.post(url, {"hosts": [place.chair.pk], "reason": ""}).status_code == 400
    assert _snapshot(dialogue) == before
    assert client.post(url, {"hosts": [place.chair.pk], "reason": "Bí thư đi học dài hạn"}).status_code == 302
    history = client.get(f"/doi-thoai/{dialogue.pk}/").content.decode()
    assert "Đổi chủ trì" in history and "Nguyễn Văn Hùng → Phạm Minh Đức. Lý do: Bí thư đi học dài hạn" in history


def test_dialogue_page_queries_do_not_grow_with_announcements(client, gia_vien, monkeypatch, django_assert_max_num_queries):
    """The checklist and the duties are read in a fixed number of queries (no query per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dialogue = _gia_vien_dialogue(gia_vien, monkeypatch)
    client.force_login(gia_vien.staff)
    record.record_media(dialogue, gia_vien.staff, "bao_ptth_hai_phong", datetime.date(2025, 9, 1))
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"/doi-thoai/{dialogue.pk}/").status_code == 200
    for code in ("cong_thong_tin_thanh_pho", "chuyen_de_an_ninh", "bao_ptth_hai_phong", ""):
        record.record_media(dialogue, gia_vien.staff, code, datetime.date(2025, 9, 1), other_name="Đài phường")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(f"/doi-thoai/{dialogue.pk}/").status_code == 200


def test_duty_file_api_stores_it_and_refuses_a_bad_file_with_400(client, gia_vien, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dialogue = _gia_vien_dialogue(gia_vien, monkeypatch)
    client.force_login(gia_vien.staff)
    url = f"/api/v1/dialogues/{dialogue.pk}/duties/socio_economic_report/file"
    bad = client.post(url, {"on": "2025-09-01", "file": SimpleUploadedFile("bao-cao.pdf", b"not a pdf at all")})
    assert bad.status_code == 400 and bad.json()["message"]
    assert not dialogue.events.filter(action="duty_done").exists()
    good = client.post(url, {"on": "2025-09-01", "file": SimpleUploadedFile("bao-cao.pdf", PDF)})
    assert good.status_code == 200
    assert good.json()["duties"][0]["state"] == "done" and good.json()["duties"][0]["file_name"] == "bao-cao.pdf"
    other = {"on": "2025-09-01", "file": SimpleUploadedFile("bao-cao.pdf", PDF)}
    assert client.post(url.replace("socio_economic_report", "khong_co"), other).status_code == 404
