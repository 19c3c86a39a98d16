"""Generate a province (or a country) of dialogues and opinions, reproducibly from a seed, by bulk inserts.

Usage (on its own database, never the office's):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/doithoai_bench .venv/bin/python -m benchmarks.generate --size province

Sizes (see SIZES): `quick` for a CI-length run, `province` (120 communes, 60,000 opinions, 120,000 dialogues with
960,000 schedule steps), `national` (34 provinces × 98 communes = 3,332 communes, 2,000,000 opinions, 1,066,240 steps;
its opinions are written by PostgreSQL itself, benchmarks/bulk_sql.py). Every size also gets one dialogue with 200
matters (the conclusion notice) and one commune grown to 10,000 matters with its own clerk (the case page).
The generator writes rows with bulk inserts, bypassing the verb functions on purpose: it builds the
state a long-running deployment would have, not the history of how it got there.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import secrets
import sys
import time
from dataclasses import dataclass

BATCH = 5000
BIG_COMMUNE_MATTERS = 10_000  # matters of one unit: the case page's suggestions (issue 16)
CONCLUSION_MATTERS = 200  # matters of one dialogue: the conclusion notice measure (issue 16)
TODAY = datetime.date(2026, 11, 26)


@dataclass(frozen=True)
class Size:
    provinces: int
    communes_per_province: int
    opinions_per_commune: int
    dialogues_per_commune: int  # past dialogues, each with its 8 schedule steps


SIZES = {
    "quick": Size(provinces=1, communes_per_province=20, opinions_per_commune=100, dialogues_per_commune=20),
    "province": Size(provinces=1, communes_per_province=120, opinions_per_commune=500, dialogues_per_commune=1000),
    "national": Size(provinces=34, communes_per_province=98, opinions_per_commune=600, dialogues_per_commune=40),
}

WORDS = (
    "đất đai giải phóng mặt bằng bồi thường tái định cư đường giao thông nông thôn ngập úng thoát nước "
    "môi trường rác thải ô nhiễm tiếng ồn y tế bảo hiểm học phí trường học điện chiếu sáng nước sạch "
    "an ninh trật tự chính sách người có công hộ nghèo việc làm giấy chứng nhận quyền sử dụng "
    "xây dựng trái phép lấn chiếm vỉa hè chợ dân sinh cây xanh"
).split()


def _sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def setup_django() -> None:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def generate(size_name: str, seed: int = 2026) -> dict[str, int]:
    """Write the data set; returns the row counts written. Idempotent per size: an existing set is kept."""
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from dialogues.enums import STEP_ORDER, Status, StepStatus
    from dialogues.models import Dialogue, ScheduleStep
    from organizations.enums import Role
    from organizations.models import AdministrativeLevel, AdministrativeUnit, Membership, Organization, OrganizationKind
    from organizations.reference import load_reference
    from petitions.enums import CaseStatus, Channel, Jurisdiction, PetitionerKind
    from petitions.models import Case, Petition, Petitioner, fold, new_tracking_code
    from regulations.loading import load_shipped_profiles
    from regulations.models import OpinionField, ProfileBinding, RegulationProfile
    from workdays.loading import load_shipped_overrides

    size = SIZES[size_name]
    rng = random.Random(seed)
    marker = f"B{size_name[0].upper()}"  # unit codes are at most 16 characters: BP00-0001
    if AdministrativeUnit.objects.filter(code=f"{marker}00").exists():
        kept = {"kept": 1, "matters_of_one_dialogue": attach_matters(size_name)}
        return kept | {"matters_of_the_big_commune": big_commune(size_name, rng)}
    load_reference()
    load_shipped_overrides()
    load_shipped_profiles()
    province_level = AdministrativeLevel.objects.get(code="province")
    commune_level = AdministrativeLevel.objects.get(code="commune")
    kinds = {kind.code: kind for kind in OrganizationKind.objects.all()}
    profile = RegulationProfile.objects.get(code="hai-phong-1155-2023")
    fields = list(profile.opinion_fields()) or list(OpinionField.objects.all()[:12])
    counts = {"units": 0, "organizations": 0, "dialogues": 0, "steps": 0, "cases": 0, "petitions": 0}

    with transaction.atomic():
        provinces = []
        for p in range(size.provinces):
            unit = AdministrativeUnit(code=f"{marker}{p:02d}", name=f"Tỉnh thử nghiệm {p}", level=province_level)
            unit.save()
            ProfileBinding.objects.create(unit=unit, profile=profile, valid_from=datetime.date(2023, 1, 1))
            provinces.append(unit)
        communes = []
        for province in provinces:
            for c in range(size.communes_per_province):
                code = f"{province.code}-{c:04d}"
                communes.append(
                    AdministrativeUnit(
                        code=code, name=f"Xã thử nghiệm {c}", level=commune_level, parent=province, path=f"{province.path}{code}/"
                    )
                )
        AdministrativeUnit.objects.bulk_create(communes, batch_size=BATCH)
        communes = list(AdministrativeUnit.objects.filter(code__startswith=marker))
        communes = [unit for unit in communes if unit.parent_id]
        counts["units"] = len(provinces) + len(communes)

        organizations = []
        for unit in [*provinces, *communes]:
            for kind in ("party_committee", "party_office", "division", "fatherland_front"):
                organizations.append(
                    Organization(
                        code=f"{unit.code.lower()}-{kind}", name=f"{kinds[kind].name} {unit.name}", kind=kinds[kind], unit=unit
                    )
                )
        Organization.objects.bulk_create(organizations, batch_size=BATCH)
        by_unit = {}
        for organization in Organization.objects.filter(unit__in=[*provinces, *communes]).select_related("kind"):
            by_unit.setdefault(organization.unit_id, {})[organization.kind.code] = organization
        counts["organizations"] = len(organizations)

        # One login per scope the benchmark measures: a province viewer and a commune's advising office.
        viewer, _ = User.objects.get_or_create(username=f"bench-{size_name}-tinh")
        clerk, _ = User.objects.get_or_create(username=f"bench-{size_name}-xa")
        province_office, commune_office = by_unit[provinces[0].pk]["party_office"], by_unit[communes[0].pk]["party_office"]
        Membership.objects.get_or_create(user=viewer, organization=province_office, role=Role.UPPER_VIEWER)
        for province in provinces[1:]:  # national size: the viewer follows every province (a million open steps)
            office = by_unit[province.pk]["party_office"]
            Membership.objects.get_or_create(user=viewer, organization=office, role=Role.UPPER_VIEWER)
        Membership.objects.get_or_create(user=clerk, organization=commune_office, role=Role.ADVISING_STAFF)

        dialogues = []
        for unit in communes:
            for d in range(size.dialogues_per_commune):
                day = TODAY - datetime.timedelta(days=rng.randint(1, 900))
                dialogues.append(
                    Dialogue(
                        unit=unit,
                        title=f"Hội nghị đối thoại {d} — {unit.name}",
                        kind="periodic",
                        date=day,
                        profile=profile,
                        advising_office=by_unit[unit.pk]["party_office"],
                        status=rng.choice([Status.PLANNED, Status.ANNOUNCED, Status.HELD, Status.CONCLUDED, Status.ARCHIVED]),
                    )
                )
        Dialogue.objects.bulk_create(dialogues, batch_size=BATCH)
        counts["dialogues"] = len(dialogues)

        steps = []
        for dialogue in Dialogue.objects.filter(unit__in=communes).values("pk", "date", "unit_id").iterator(chunk_size=BATCH):
            for order, code in enumerate(STEP_ORDER):
                due = dialogue["date"] + datetime.timedelta(days=(order - 4) * 7)
                done = due < TODAY and rng.random() < 0.3
                steps.append(
                    ScheduleStep(
                        dialogue_id=dialogue["pk"],
                        code=code,
                        order=order,
                        owner=by_unit[dialogue["unit_id"]]["party_office"],
                        due=due,
                        status=StepStatus.DONE if done else StepStatus.PENDING,
                        done_on=due if done else None,
                    )
                )
            if len(steps) >= BATCH:
                ScheduleStep.objects.bulk_create(steps, batch_size=BATCH)
                counts["steps"] += len(steps)
                steps = []
        ScheduleStep.objects.bulk_create(steps, batch_size=BATCH)
        counts["steps"] += len(steps)

        if size_name == "national" and connection.vendor == "postgresql":  # 2,000,000 opinions: written by the database
            from .bulk_sql import opinions

            made = opinions(marker, size.opinions_per_commune, WORDS, [field.pk for field in fields], TODAY, seed)
            counts["cases"], counts["petitions"] = made["cases"], made["petitions"]
            communes = []  # nothing left for the loop below
        for unit in communes:
            petitioners, cases = [], []
            for _i in range(size.opinions_per_commune):
                petitioners.append(Petitioner(kind=PetitionerKind.PERSON, full_name=f"Nguyễn Văn {rng.randint(1, 99999)}"))
                summary = _sentence(rng)
                status = rng.choice(list(CaseStatus.values))
                cases.append(
                    Case(
                        unit=unit,
                        summary=summary,
                        search_text=fold(summary),
                        field=rng.choice(fields) if status != CaseStatus.RECEIVED else None,
                        jurisdiction=rng.choice(list(Jurisdiction.values)) if status != CaseStatus.RECEIVED else "",
                        status=status,
                        agency=by_unit[unit.pk]["division"] if status in (CaseStatus.ASSIGNED, CaseStatus.DRAFTED) else None,
                        due=TODAY + datetime.timedelta(days=rng.randint(-60, 60)) if status != CaseStatus.RECEIVED else None,
                    )
                )
            Petitioner.objects.bulk_create(petitioners, batch_size=BATCH)
            Case.objects.bulk_create(cases, batch_size=BATCH)
            petitions = []
            for petitioner, case in zip(petitioners, cases, strict=True):
                code = new_tracking_code()
                petitions.append(
                    Petition(
                        unit=unit,
                        case=case,
                        tracking_code=code,
                        content=case.summary,
                        search_text=fold(f"{code} {case.summary}"),
                        channel=rng.choice(list(Channel.values)),
                        received_on=TODAY - datetime.timedelta(days=rng.randint(0, 400)),
                        petitioner=petitioner,
                    )
                )
            Petition.objects.bulk_create(petitions, batch_size=BATCH)
            counts["cases"] += len(cases)
            counts["petitions"] += len(petitions)
    counts["matters_of_one_dialogue"] = attach_matters(size_name)
    counts["matters_of_the_big_commune"] = big_commune(size_name, rng)
    return counts


def big_commune(size_name: str, rng: random.Random, count: int = BIG_COMMUNE_MATTERS) -> int:
    """The second commune grown to `count` matters, with its own clerk: the case page measure (suggestions over 10,000).

    Idempotent: a data set generated before this step gets it on the next run.
    """
    from django.contrib.auth.models import User

    from organizations.enums import Role
    from organizations.models import AdministrativeUnit, Membership, Organization
    from petitions.enums import CaseStatus, Channel
    from petitions.models import Case, Petition, Petitioner, fold, new_tracking_code

    marker = f"B{size_name[0].upper()}"
    unit = AdministrativeUnit.objects.filter(code__startswith=marker, parent__isnull=False).order_by("code")[1:2].first()
    if unit is None:
        return 0
    office = Organization.objects.get(unit=unit, kind__code="party_office")
    clerk, _ = User.objects.get_or_create(username=f"bench-{size_name}-xa-lon")
    Membership.objects.get_or_create(user=clerk, organization=office, role=Role.ADVISING_STAFF)
    have = Case.objects.filter(unit=unit).count()
    missing = count - have
    if missing <= 0:
        return have
    petitioners = Petitioner.objects.bulk_create(
        [Petitioner(kind="person", full_name=f"Trần Thị {rng.randint(1, 99999)}") for _ in range(missing)], batch_size=BATCH
    )
    cases = []
    for _ in range(missing):
        summary = _sentence(rng)
        cases.append(Case(unit=unit, summary=summary, search_text=fold(summary), status=rng.choice(list(CaseStatus.values))))
    Case.objects.bulk_create(cases, batch_size=BATCH)
    petitions = []
    for petitioner, case in zip(petitioners, cases, strict=True):
        code = new_tracking_code()
        petitions.append(
            Petition(
                unit=unit, case=case, tracking_code=code, content=case.summary, search_text=fold(f"{code} {case.summary}"),
                channel=rng.choice(list(Channel.values)), received_on=TODAY - datetime.timedelta(days=rng.randint(0, 400)),
                petitioner=petitioner,
            )
        )
    Petition.objects.bulk_create(petitions, batch_size=BATCH)
    return count


def attach_matters(size_name: str, count: int = CONCLUSION_MATTERS) -> int:
    """Give the first commune's latest dialogue `count` of the commune's matters, for the conclusion notice measure.

    Idempotent: a data set generated before this step gets it on the next run.
    """
    from dialogues.models import Dialogue
    from organizations.models import AdministrativeUnit
    from petitions.models import Case, Petition

    marker = f"B{size_name[0].upper()}"
    commune = AdministrativeUnit.objects.filter(code__startswith=marker, parent__isnull=False).order_by("code").first()
    dialogue = Dialogue.objects.filter(unit=commune).order_by("-date", "-id").first() if commune else None
    have = Case.objects.filter(dialogue=dialogue).count() if dialogue else 0
    if dialogue is None or have >= count:
        return have
    free = Case.objects.filter(unit=dialogue.unit, dialogue__isnull=True).order_by("id")
    chosen = list(free.values_list("pk", flat=True)[: count - have])
    Case.objects.filter(pk__in=chosen).update(dialogue=dialogue)
    Petition.objects.filter(case__in=chosen).update(dialogue=dialogue)
    return have + len(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sinh dữ liệu đo hiệu năng (tỉnh, toàn quốc) từ một hạt giống.")
    parser.add_argument("--size", choices=sorted(SIZES), default="quick")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # a throwaway key: nothing is signed here
    setup_django()
    started = time.monotonic()
    counts = generate(args.size, args.seed)
    print(f"{args.size}: {counts} in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
