"""Demo data (issue: idempotent, one login per role) and the home page per role."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from organizations.enums import Role
from organizations.models import AdministrativeUnit, Membership
from regulations.models import profile_for

pytestmark = pytest.mark.django_db


def test_demo_has_the_units_and_one_login_per_role(demo):
    names = set(AdministrativeUnit.objects.values_list("name", flat=True))
    assert {"Thành phố Hải Phòng", "Phường Hồng An", "Phường Gia Viên", "Xã Tân Kỳ", "Tỉnh Điện Biên"} <= names
    assert AdministrativeUnit.objects.filter(parent__name="Tỉnh Điện Biên").count() == 1
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert len(demo) == len(Role.values)


def test_demo_units_follow_their_seed_profiles(demo):
    import datetime

    day = datetime.date(2026, 11, 23)
    expected = {
        "Phường Hồng An": "hong-an-qt-vp12",
        "Phường Gia Viên": "hai-phong-1155-2023",  # its 2025 plan binds 2025 only (valid_to): the city's 1155 then
        "Xã Tân Kỳ": "hai-phong-1155-2023",
        "Tỉnh Điện Biên": "dien-bien",
        "Xã Mường Phăng": "dien-bien",
        "Thành phố Hải Phòng": "hai-phong-1155-2023",
    }
    for name, code in expected.items():
        assert profile_for(AdministrativeUnit.objects.get(name=name), day).code == code
    in_2025 = datetime.date(2025, 11, 20)
    assert profile_for(AdministrativeUnit.objects.get(name="Phường Gia Viên"), in_2025).code == "gia-vien-2025"
    assert profile_for(AdministrativeUnit.objects.get(name="Xã Tân Kỳ"), in_2025).code == "tan-ky-2025"


def test_loading_the_demo_twice_changes_nothing(demo):
    from simple_history.models import registered_models

    def counts():
        return {model: model.objects.count() for model in registered_models.values()} | {
            "history": sum(model.history.count() for model in registered_models.values() if hasattr(model, "history"))
        }

    call_command("load_demo", stdout=io.StringIO())
    before = counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "0 dòng được ghi, 0 cuộc đối thoại mẫu được tạo" in out.getvalue()
    assert "vanphong" in out.getvalue() and "doithoai2026" in out.getvalue()


@pytest.mark.parametrize(
    "username, title",
    [
        ("quantri", "Quản trị hệ thống"),
        ("vanphong", "Văn phòng tham mưu"),
        ("chutri", "Người chủ trì đối thoại"),
        ("canbo", "Cán bộ cơ quan"),
        ("lanhdao", "Lãnh đạo cơ quan"),
        ("mattran", "Giám sát của Mặt trận Tổ quốc"),
        ("thuky", "Thư ký hội nghị"),
        ("captren", "Theo dõi của cấp trên"),
    ],
)
def test_home_page_fits_the_role(client, demo, username, title):
    client.force_login(User.objects.get(username=username))
    page = client.get("/").content.decode()
    assert title in page
    assert 'lang="vi"' in page


def test_demo_dialogues_show_each_state(demo):
    from dialogues.models import Dialogue
    from portal.demo import load_all_dialogues

    assert load_all_dialogues() == 3
    states = dict(Dialogue.objects.values_list("unit__code", "status"))
    assert states == {"31-HONGAN": "planned", "31-TANKY": "concluded", "31-GIAVIEN": "archived"}
    gia_vien = Dialogue.objects.get(unit__code="31-GIAVIEN")
    assert gia_vien.advising_office.code == "gv-vpdu" and gia_vien.advising_with.code == "gv-vphdnd-ubnd"


def test_upper_viewer_sees_the_units_below(client, demo):
    client.force_login(User.objects.get(username="captren"))
    page = client.get("/").content.decode()
    assert "Phường Hồng An" in page and "Xã Tân Kỳ" in page and "Tỉnh Điện Biên" not in page
