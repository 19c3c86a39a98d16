"""Reference data arrives with the schema: a bare `migrate` gives right deadlines; administrators' edits stay."""

import datetime

import pytest
from django.core.management.sql import emit_post_migrate_signal

from organizations.models import PositionKind
from regulations.loading import SHIPPED_CODES
from regulations.models import RegulationProfile
from workdays.models import CalendarOverride

from .ops import manage, production_env


def test_a_bare_migrate_of_an_empty_database_loads_the_swap_days_and_the_five_profiles(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}", HTTPS="0")
    migrated = manage("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    assert "Dữ liệu tham chiếu" in migrated.stdout
    # Sat 10/01/2026 is a working day (the 2026 Tết swap): three working days after 08/01 end on Mon 12/01.
    after = manage("workdays", "after", "2026-01-08", "3", env=env)
    assert after.stdout.strip().splitlines()[-1] == "2026-01-12", after.stdout + after.stderr
    counted = manage(
        "shell",
        "-c",
        "from workdays.models import CalendarOverride as C; from regulations.models import RegulationProfile as R; "
        "from organizations.models import AdministrativeLevel as L; "
        "print(sorted(str(d) for d in C.objects.filter(date__year=2026).values_list('date', flat=True)), "
        "sorted(R.objects.filter(is_shipped=True).values_list('code', flat=True)), L.objects.count() > 0)",
        env=env,
    )
    days, codes, levels = counted.stdout.strip().splitlines()[-1].split("] ")
    assert "2026-01-10" in days
    assert codes.strip("[]").replace("'", "").split(", ") == sorted(SHIPPED_CODES)
    assert levels == "True"
    again = manage("migrate", "--noinput", env=env)
    assert "bộ quy định mẫu: 0 mục" in again.stdout  # idempotent: nothing rewritten the second time


@pytest.mark.django_db
def test_after_migrate_missing_rows_come_back_and_edits_stay(settings, reference):
    settings.REFERENCE_DATA_ON_MIGRATE = True
    head = PositionKind.objects.filter(is_head=True).first()
    head.name = "Chủ tịch (tên do quản trị viên sửa)"
    head.save()
    swap = CalendarOverride.objects.get(date=datetime.date(2026, 1, 10))
    swap.note = "Ghi chú của quản trị viên"
    swap.save()
    removed = PositionKind.objects.exclude(pk=head.pk).first()
    removed_code = removed.code
    removed.delete()
    profile_history = RegulationProfile.history.count()

    emit_post_migrate_signal(0, False, "default")

    head.refresh_from_db()
    swap.refresh_from_db()
    assert head.name == "Chủ tịch (tên do quản trị viên sửa)"
    assert swap.note == "Ghi chú của quản trị viên"
    assert PositionKind.objects.filter(code=removed_code).exists()
    assert RegulationProfile.history.count() == profile_history  # unchanged shipped files: profiles not rewritten


@pytest.mark.django_db
def test_the_test_settings_leave_the_database_as_the_test_makes_it(settings):
    assert settings.REFERENCE_DATA_ON_MIGRATE is False
    emit_post_migrate_signal(0, False, "default")
    assert not CalendarOverride.objects.exists()
    assert not RegulationProfile.objects.exists()
