"""What an issuing organisation prints: its header lines, its number symbol, place and date, signature."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from organizations.enums import IssuerFamily
from organizations.models import Appointment, Organization

LEVEL_PREFIXES = re.compile(r"^(Thành phố|Tỉnh|Phường|Xã|Đặc khu|Thị trấn|Quận|Huyện|Thị xã)\s+", re.IGNORECASE)
KIND_ABBREVIATIONS = {"peoples_committee": "UBND", "peoples_council": "HĐND", "fatherland_front": "MTTQ", "pc_office": "VP"}
SIGNERS = {
    # organisation kind: (head position codes in order, authority line, title of the head)
    "party_committee": (["secretary", "standing_deputy_secretary", "deputy_secretary"], "T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    "party_standing_committee": (["secretary", "standing_deputy_secretary"], "T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    "peoples_committee": (["committee_chair", "committee_vice_chair"], "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    "peoples_council": (["council_chair", "council_vice_chair"], "TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"),
    "fatherland_front": (["front_chair"], "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"),
}
DEPUTY_TITLES = {
    "standing_deputy_secretary": "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "deputy_secretary": "PHÓ BÍ THƯ",
    "committee_vice_chair": "PHÓ CHỦ TỊCH",
    "council_vice_chair": "PHÓ CHỦ TỊCH",
}


# The generic position "Trưởng cơ quan, đơn vị" signs with the head's real title, read from the body's name.
HEAD_TITLES = [
    ("Văn phòng", "CHÁNH VĂN PHÒNG"),
    ("Phòng", "TRƯỞNG PHÒNG"),
    ("Ban", "TRƯỞNG BAN"),
    ("Trung tâm", "GIÁM ĐỐC"),
    ("Công an", "TRƯỞNG CÔNG AN"),
    ("Ủy ban Mặt trận", "CHỦ TỊCH"),
    ("Hội", "CHỦ TỊCH"),
    ("Đoàn", "BÍ THƯ"),
]


def real_head_title(organization: Organization, position) -> str:
    """ "TRƯỞNG PHÒNG" for the head of "Phòng Kinh tế…"; a specific position keeps its own name."""
    if position.code == "agency_head":
        for prefix, title in HEAD_TITLES:
            if organization.name.startswith(prefix + " "):
                return title
    return position.name.upper()


def place_name(organization: Organization) -> str:
    """The locality printed before the date: the unit's own name without its level ("Hồng An")."""
    return LEVEL_PREFIXES.sub("", organization.unit.name).strip()


def vietnamese_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 01 năm 2026": leading zero for days below 10 and for months 1 and 2 (NĐ 30/2020)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def family(organization: Organization) -> str:
    return "party" if organization.kind.family == IssuerFamily.PARTY else "state"


def abbreviation(organization: Organization) -> str:
    if organization.short_name:
        return organization.short_name
    if organization.kind.code == "party_committee":
        return "TU" if organization.unit.parent_id is None else "ĐU"
    if organization.kind.code in KIND_ABBREVIATIONS:
        return KIND_ABBREVIATIONS[organization.kind.code]
    words = [w for w in re.split(r"[\s,\-]+", organization.name) if w and w[0].isupper()]
    return "".join(word[0] for word in words[1:5]).upper() or "CQ"


def superior_line(organization: Organization) -> str:
    if organization.parent_id:
        return organization.parent.name.upper()
    if family(organization) == "party" and organization.unit.parent_id:
        top = organization.unit.ancestors()[0] if organization.unit.ancestors() else organization.unit.parent
        return f"ĐẢNG BỘ {top.name.upper()}"
    return ""


def number_line(organization: Organization, number: int | None, type_abbreviation: str | None) -> str:
    """ "Số 15-TB/ĐU" for Party bodies (no colon); "Số: 08/TB-UBND" for State bodies."""
    if not type_abbreviation:
        return ""
    if number is None:
        return "Số: ……" if family(organization) == "state" else "Số ……"
    if family(organization) == "party":
        return f"Số {number:02d}-{type_abbreviation}/{abbreviation(organization)}"
    return f"Số: {number:02d}/{type_abbreviation}-{abbreviation(organization)}"


@dataclass
class Signature:
    authority: str
    title: str
    name: str


def signature(organization: Organization, day: datetime.date, signer: Appointment | None = None) -> Signature:
    """Who signs for the body on that day: its head, or a deputy with "K/T" / "KT." (HD 36; NĐ 30)."""
    positions, authority, head_title = SIGNERS.get(organization.kind.code, ([], "", ""))
    if signer is None:
        appointments = Appointment.objects.active_on(day).filter(organization=organization).select_related("person", "position")
        if positions:
            ranked = sorted(
                (a for a in appointments if a.position.code in positions), key=lambda a: positions.index(a.position.code)
            )
        else:
            ranked = sorted((a for a in appointments if a.position.is_head), key=lambda a: a.position.order)
        signer = ranked[0] if ranked else None
    if signer is None:
        return Signature(authority, head_title, "")
    code = signer.position.code
    if code in DEPUTY_TITLES:
        prefix = "K/T" if family(organization) == "party" else "KT."
        return Signature(f"{prefix} {head_title}", DEPUTY_TITLES[code], signer.person.full_name)
    return Signature(authority, head_title or real_head_title(organization, signer.position), signer.person.full_name)
