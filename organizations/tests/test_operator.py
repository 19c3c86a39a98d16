"""The platform operator is the only superuser, made only by `create_operator`; demo data makes none."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from organizations.access import can
from organizations.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
STRONG = "Ba-con-meo-treo-cay-cau-2026"


def test_demo_makes_no_superuser_and_quantri_is_a_staff_admin_of_hai_phong(demo):
    assert not User.objects.filter(is_superuser=True).exists()
    quantri = User.objects.get(username="quantri")
    assert quantri.is_staff and not quantri.is_superuser
    assert set(User.objects.filter(is_staff=True).values_list("username", flat=True)) == {"quantri"}
    assert can(quantri, "manage_master_data", AdministrativeUnit.objects.get(code="31-HONGAN"))
    assert not can(quantri, "view", AdministrativeUnit.objects.get(code="11"))


def test_reloading_the_demo_demotes_an_old_superuser_quantri(demo):
    from organizations.demo import load_demo

    User.objects.filter(username="quantri").update(is_superuser=True, is_staff=True)
    load_demo()
    assert not User.objects.get(username="quantri").is_superuser


def test_create_operator_makes_the_only_superuser(demo, monkeypatch):
    monkeypatch.setenv("DOITHOAI_OPERATOR_PASSWORD", STRONG)
    call_command("create_operator", "vanhanh", email="vanhanh@example.vn")
    assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == ["vanhanh"]
    operator = User.objects.get(username="vanhanh")
    assert operator.is_staff and operator.check_password(STRONG)
    assert can(operator, "view", AdministrativeUnit.objects.get(code="11"))


def test_create_operator_never_promotes_an_existing_account(demo, monkeypatch):
    monkeypatch.setenv("DOITHOAI_OPERATOR_PASSWORD", STRONG)
    with pytest.raises(CommandError, match="đã có"):
        call_command("create_operator", "quantri")
    assert not User.objects.filter(is_superuser=True).exists()


def test_create_operator_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("DOITHOAI_OPERATOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="Mật khẩu không đạt"):
        call_command("create_operator", "vanhanh")
    assert not User.objects.exists()


def test_create_operator_without_a_password_and_no_terminal_writes_nothing(db, monkeypatch):
    monkeypatch.delenv("DOITHOAI_OPERATOR_PASSWORD", raising=False)
    monkeypatch.setattr("os.isatty", lambda fd: False)
    with pytest.raises(CommandError, match="DOITHOAI_OPERATOR_PASSWORD"):
        call_command("create_operator", "vanhanh")
    assert not User.objects.exists()
