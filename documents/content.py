"""The content of each document, built from the data already in the system (no retyping).

Each builder returns (issuer, Content). The wording follows the forms annexed to 002 (Mẫu 3-9) and
the plans 001/002; every figure and name comes from the dialogue, its opinions and its schedule.
"""

from __future__ import annotations

from django.db.models import Count

from dialogues.enums import StepCode
from dialogues.models import Dialogue
from organizations.models import Organization
from petitions.enums import Jurisdiction, PetitionerKind
from petitions.models import Case, OpinionSheet, Petition
from petitions.privacy import Gate, redacted
from petitions.totals import field_jurisdiction_totals

from .issuer import vietnamese_date
from .kinds import Kind
from .render import Block, Content

INDIRECT = "; có tiếp nhận ý kiến gián tiếp qua thư, thư điện tử, Mặt trận và các đoàn thể, phương tiện thông tin đại chúng"


def lower_first(text: str) -> str:
    """ "Hội nghị đối thoại … xã Tân Kỳ" inside a sentence: only the first letter is lowered, names keep theirs."""
    return text[:1].lower() + text[1:] if text else text


def holder(position_name: str, organization: Organization) -> str:
    """ "Bí thư Đảng ủy xã Tân Kỳ", "Chủ tịch UBND xã Tân Kỳ" (the position already names the body)."""
    if any(word in position_name for word in ("UBND", "HĐND", "MTTQ")):
        return f"{position_name} {lower_first(organization.unit.name)}"
    return f"{position_name} {organization.name}"


def host_body(dialogue: Dialogue) -> Organization:
    """The body that issues in the host's name: the Party committee or the People's Committee of the first host."""
    host = dialogue.hosts.select_related("organization").first()
    return host.organization if host else dialogue.advising_office


def _when(dialogue: Dialogue) -> str:
    return f"{dialogue.start_time:%H} giờ {dialogue.start_time:%M}, {vietnamese_date(dialogue.date)}"


def _hosts(dialogue: Dialogue) -> str:
    parts = []
    for host in dialogue.hosts.select_related("person", "position", "delegated_from"):
        text = f"đồng chí {host.person.full_name}, {holder(host.position.name, host.organization)}"
        if host.delegated_from:
            text += f" (được đồng chí {host.delegated_from.full_name} ủy quyền: {host.delegation_reason})"
        parts.append(text)
    return "; ".join(parts)


def _steps_table(dialogue: Dialogue) -> Block:
    rows = [["Bước", "Cơ quan thực hiện", "Thời hạn", "Căn cứ"]]
    for step in dialogue.steps.select_related("owner"):
        due = step.due.strftime("%d/%m/%Y") if step.due else (step.waived_reason and "Được miễn") or "Theo kế hoạch"
        rows.append([step.get_code_display(), step.owner.name if step.owner else "", due, step.citation])
    return Block(rows=rows)


def _recipients(dialogue: Dialogue, *extra: str) -> list[str]:
    names = [host.person.full_name and f"Đồng chí {host.person.full_name}" for host in dialogue.hosts.select_related("person")]
    names += [agency.organization.name for agency in dialogue.cooperating_agencies.select_related("organization")]
    return [*extra, *names]


def plan(dialogue: Dialogue) -> tuple[Organization, Content]:
    body = [
        Block("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
        Block(
            "Tăng cường mối quan hệ mật thiết giữa cấp ủy, chính quyền với Nhân dân; kịp thời nắm bắt, giải quyết "
            "những ý kiến, kiến nghị chính đáng của Nhân dân; bảo đảm dân chủ, công khai, đúng quy định."
        ),
        Block("II. NỘI DUNG, THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC", bold=True),
        Block(f"1. Nội dung: {dialogue.description or dialogue.title}."),
        Block(f"2. Thời gian: {_when(dialogue)} (từ {dialogue.start_time:%H:%M} đến {dialogue.end_time:%H:%M})."),
        Block(f"3. Địa điểm: {dialogue.venue or 'sẽ thông báo sau'}."),
        Block(f"4. Hình thức: {dialogue.get_form_display().lower()}{INDIRECT if dialogue.takes_indirect_opinions else ''}."),
        Block("III. CHỦ TRÌ, THÀNH PHẦN", bold=True),
        Block(f"1. Chủ trì hội nghị: {_hosts(dialogue)}."),
        Block(
            f"2. Cơ quan chủ trì tham mưu: {dialogue.advising_office.name if dialogue.advising_office else ''}"
            f"{', phối hợp với ' + dialogue.advising_with.name if dialogue.advising_with else ''}."
        ),
    ]
    for number, group in enumerate(dialogue.participant_groups.prefetch_related("organizations", "people"), start=3):
        names = ", ".join([o.name for o in group.organizations.all()] + [p.full_name for p in group.people.all()])
        body.append(Block(f"{number}. {group.get_kind_display()}: {group.expected_count} người{': ' + names if names else ''}."))
    body.append(Block(f"Số công dân dự kiến tham dự: {dialogue.expected_citizens} người."))
    body += [Block("IV. TIẾN ĐỘ THỰC HIỆN", bold=True), _steps_table(dialogue), Block("V. TỔ CHỨC THỰC HIỆN", bold=True)]
    for agency in dialogue.cooperating_agencies.select_related("organization"):
        body.append(Block(f"- {agency.organization.name}: {agency.task}"))
    summary = f"Tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm {dialogue.date.year}"
    return host_body(dialogue), Content("KẾ HOẠCH", summary, body, recipients=_recipients(dialogue))


def assignment(dialogue: Dialogue) -> tuple[Organization, Content]:
    rows = [["TT", "Cơ quan", "Nhiệm vụ"]]
    for n, agency in enumerate(dialogue.cooperating_agencies.select_related("organization"), start=1):
        rows.append([str(n), agency.organization.name, agency.task])
    body = [
        Block(
            f"Để chuẩn bị {lower_first(dialogue.title)} vào {_when(dialogue)}, tại {dialogue.venue or '…'}, "
            f"{host_body(dialogue).name} phân công nhiệm vụ như sau:"
        ),
        Block(rows=rows),
        Block("Các mốc thời hạn thực hiện:", bold=True),
        _steps_table(dialogue),
    ]
    return host_body(dialogue), Content(
        "", f"V/v phân công chuẩn bị {lower_first(dialogue.title)}", body, recipients=_recipients(dialogue)
    )


def request_letter(dialogue: Dialogue) -> tuple[Organization, Content]:
    collect = dialogue.step(StepCode.COLLECT)
    deadline = collect.due.strftime("%d/%m/%Y") if collect and collect.due else "trước ngày tổ chức hội nghị"
    addressees = dialogue.unit.organizations.filter(kind__code__in=["fatherland_front", "mass_organization", "residential_group"])
    body = [
        Block(
            f"Thực hiện kế hoạch tổ chức {lower_first(dialogue.title)} ({_when(dialogue)}), {dialogue.advising_office.name} "
            "đề nghị các cơ quan, đơn vị tổ chức lấy ý kiến, kiến nghị của Nhân dân theo phiếu góp ý (Mẫu 4), "
            "tổng hợp, phân loại theo lĩnh vực và gửi về cơ quan chủ trì tham mưu."
        ),
        Block(f"Thời hạn gửi tổng hợp: chậm nhất ngày {deadline}."),
    ]
    greeting = "; ".join(o.name for o in addressees) or "Các cơ quan, đơn vị"
    return dialogue.advising_office, Content(
        "", "V/v tổng hợp ý kiến, kiến nghị của Nhân dân", body, greeting=greeting, recipients=["Như trên"]
    )


def _sheet_person(sheet: OpinionSheet | None, petitions: list[Petition], gate: Gate) -> tuple[str, str]:
    """Name and address on a filled Form 4: shown only when the reader may see the petitioner of every opinion on it."""
    blank = "…………………………………………"
    person = sheet.petitioner if sheet else None
    if person is None:
        return blank, blank
    if petitions and all(gate.allows(p.case) for p in petitions):
        for petition in petitions:
            gate.reveal(person, petition.case)
        return person.display_name, person.address or blank
    return redacted(person), "(đã ẩn)"


def opinion_form(dialogue: Dialogue, sheet: OpinionSheet | None = None, gate: Gate | None = None) -> tuple[Organization, Content]:
    """Mẫu 4, blank or as entered; the petitioner's name and address only for a reader the gate allows."""
    gate = gate or Gate(None, "docx")
    fields = list(dialogue.profile.opinion_fields().filter(form="Mẫu 4")) or list(dialogue.profile.opinion_fields())
    petitions = list(sheet.petitions.select_related("case__unit")) if sheet else []
    answers = {p.case.field_id: p.content for p in petitions}
    name, address = _sheet_person(sheet, petitions, gate)
    body = [
        Block(f"(Dùng cho {lower_first(dialogue.title)} ngày {dialogue.date:%d/%m/%Y})", italic=True, center=True),
        Block(f"Họ và tên: {name}"),
        Block(f"Địa chỉ: {address}"),
    ]
    for number, field in enumerate(fields, start=1):
        label = field.name if field.name.lower().startswith("lĩnh vực") else f"Lĩnh vực {field.name.lower()}"
        body.append(Block(f"{number}. {label}:", bold=True))
        body.append(Block(answers.get(field.pk) or "……………………………………………………………………………………"))
    return dialogue.advising_office, Content("PHIẾU GÓP Ý KIẾN, KIẾN NGHỊ", "", body, recipients=[])


def compilation(dialogue: Dialogue) -> tuple[Organization, Content]:
    """Mẫu 5: the same columns and totals as the screen (petitions.totals), "chưa phân loại" included."""
    cases = (
        Case.objects.filter(dialogue=dialogue)
        .annotate(n=Count("petitions"))
        .select_related("field", "agency")
        .order_by("field__order", "pk")
    )
    counted = field_jurisdiction_totals(Case.objects.filter(dialogue=dialogue))  # one GROUP BY in SQL
    total = counted.opinions
    rows = [["Lĩnh vực", *[str(label) for label in Jurisdiction.labels], "Chưa phân loại"]]
    for name, counts in counted.by_field.items():
        rows.append([name or "Chưa phân loại", *[str(counts[j]) for j in counted.columns]])
    rows.append([f"Tổng cộng ({total})", *[str(counted.totals[j]) for j in counted.columns]])
    assign = [["TT", "Nội dung", "Số ý kiến", "Cơ quan trả lời", "Thời hạn"]]
    for n, case in enumerate(cases, start=1):
        assign.append(
            [
                str(n),
                case.summary,
                str(case.n),
                case.agency.name if case.agency else "",
                case.due.strftime("%d/%m/%Y") if case.due else "",
            ]
        )
    body = [
        Block("I. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN", bold=True),
        Block(f"Tổng số ý kiến, kiến nghị tiếp nhận: {total}, gộp thành {counted.matters} vụ việc."),
        Block(rows=rows),
        Block("II. ĐỀ XUẤT PHÂN CÔNG TRẢ LỜI", bold=True),
        Block(rows=assign),
    ]
    return dialogue.advising_office, Content(
        "BÁO CÁO",
        "Tổng hợp, phân loại và đề xuất phân công trả lời ý kiến, kiến nghị của Nhân dân",
        body,
        recipients=_recipients(dialogue),
    )


def answer_report(dialogue: Dialogue, agency: Organization, gate: Gate | None = None) -> tuple[Organization, Content]:
    """Mẫu 6 names each petitioner; a reader the gate does not allow reads "Ông/Bà T.V.B." instead."""
    gate = gate or Gate(None, "docx")
    body = []
    for n, case in enumerate(
        Case.objects.filter(dialogue=dialogue, agency=agency).select_related("unit").prefetch_related("petitions__petitioner"),
        start=1,
    ):
        names = [gate.label(p.petitioner, case) for p in case.petitions.all() if p.petitioner]
        petitioners = ", ".join(dict.fromkeys(names)) or "Nhân dân"
        body.append(Block(f"{n}. Ý kiến của {petitioners}: {case.summary}", bold=True))
        body.append(Block(f"Trả lời: {case.answer or 'Đang xem xét, sẽ trả lời trong thời hạn.'}"))
    if not body:
        body.append(Block("Không có ý kiến, kiến nghị nào được giao cho cơ quan."))
    return agency, Content(
        "BÁO CÁO",
        f"Trả lời ý kiến, kiến nghị của Nhân dân tại {lower_first(dialogue.title)}",
        body,
        recipients=[host_body(dialogue).name, dialogue.advising_office.name],
    )


def notice(dialogue: Dialogue) -> tuple[Organization, Content]:
    body = [
        Block(f"Nội dung: {dialogue.description or dialogue.title}."),
        Block(f"Thời gian: {_when(dialogue)}."),
        Block(f"Địa điểm: {dialogue.venue or '…'}."),
        Block(f"Thành phần: {_hosts(dialogue)}; số người tham gia dự kiến: {dialogue.expected_citizens} người."),
    ]
    if dialogue.ad_hoc_reason:
        body.insert(0, Block(f"Lý do tổ chức đối thoại đột xuất: {dialogue.get_ad_hoc_reason_display()}."))
    return host_body(dialogue), Content(
        "THÔNG BÁO", f"Tổ chức {lower_first(dialogue.title)}", body, recipients=_recipients(dialogue)
    )


def invitation(dialogue: Dialogue) -> tuple[Organization, Content]:
    body = [
        Block(f"{host_body(dialogue).name} trân trọng kính mời dự {lower_first(dialogue.title)}."),
        Block(f"Thời gian: {_when(dialogue)}."),
        Block(f"Địa điểm: {dialogue.venue or '…'}."),
        Block(f"Chủ trì: {_hosts(dialogue)}."),
        Block("Rất mong được sự quan tâm, tham dự của Quý vị."),
    ]
    groups = [g.get_kind_display() for g in dialogue.participant_groups.all()]
    return host_body(dialogue), Content(
        "GIẤY MỜI", "", body, greeting="; ".join(groups) or "Quý vị đại biểu", recipients=["Như trên"]
    )


def programme(dialogue: Dialogue) -> tuple[Organization, Content]:
    from conference.proceedings import programme_rows

    rows = [["Thời gian", "Nội dung", "Thực hiện"]]
    for item in programme_rows(dialogue):
        rows.append([f"{item.start_time:%H:%M} - {item.end_time:%H:%M}", item.title, item.who])
    body = [Block(f"{_when(dialogue)}, tại {dialogue.venue or '…'}", center=True, italic=True), Block(rows=rows)]
    return host_body(dialogue), Content("CHƯƠNG TRÌNH", dialogue.title, body, recipients=[])


def attendance_lines(dialogue: Dialogue) -> list[str]:
    """ "Thành phần" from the check-in at the door: each group with who came, then walk-ins and online."""
    present = dialogue.invitees.filter(checked_in_at__isnull=False).select_related("group")
    groups: dict[str, list[str]] = {}
    walk_ins = online = 0
    for invitee in present:
        if invitee.walk_in:
            walk_ins += 1
        elif invitee.online:
            online += 1
        else:
            label = str(invitee.group.get_kind_display()) if invitee.group else "Khách mời khác"
            groups.setdefault(label, []).append(invitee.name)
    lines = [f"- {label}: {len(names)} người ({', '.join(names)})" for label, names in groups.items()]
    if walk_ins:
        lines.append(f"- Nhân dân đến dự trực tiếp: {walk_ins} người")
    if online:
        lines.append(f"- Tham dự trực tuyến: {online} người")
    return lines


def minutes(dialogue: Dialogue) -> tuple[Organization, Content]:
    """Mẫu 8 (002): composition from the attendance; signed by the secretary and the chair, no recipients."""
    from conference.models import Minutes

    record = Minutes.objects.filter(dialogue=dialogue).select_related("updated_by").first()  # as saved, not as cached
    present = attendance_lines(dialogue)
    typed = record.composition.strip() if record and record.composition else ""
    composition = [Block(line) for line in present] + ([Block(typed)] if typed else [])
    if not composition:
        composition = [Block("(chưa ghi nhận người tham dự)", italic=True)]
    body = [
        Block(f"Thời gian, địa điểm: {record.time_and_place if record else _when(dialogue)}"),
        Block("Thành phần:"),
        *composition,
        Block(f"Chủ trì: {_hosts(dialogue)}."),
        Block(f"Nội dung: {record.content if record and record.content else dialogue.description or dialogue.title}"),
        Block("DIỄN BIẾN HỘI NGHỊ", bold=True),
        Block(record.proceedings if record else ""),
    ]
    for speaker in dialogue.speakers.filter(status="spoken"):
        body.append(
            Block(
                f"- Ông/bà {speaker.name}{' (' + speaker.residential_group + ')' if speaker.residential_group else ''}: "
                f"{speaker.summary or speaker.topic}"
            )
        )
    for answer in dialogue.hall_answers.all():
        body.append(Block(f"- {answer.answered_by} trả lời: {answer.content}"))
    body += [Block("KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ", bold=True), Block(record.conclusion if record else "")]
    if record and record.end_time:
        body.append(Block(f"Hội nghị kết thúc lúc {record.end_time:%H giờ %M} cùng ngày."))
    chair = dialogue.hosts.select_related("person").first()
    secretary = record.updated_by if record and record.updated_by else None
    signatures = {
        "sign_authority": "CHỦ TRÌ HỘI NGHỊ",
        "sign_title": "",
        "signer": chair.person.full_name if chair else "",
        "second_sign_title": "NGƯỜI GHI BIÊN BẢN",
        "second_signer": (secretary.get_full_name() or secretary.username) if secretary else "",
    }
    return host_body(dialogue), Content("BIÊN BẢN", dialogue.title, body, recipients=[], signatures=signatures)


def conclusion(dialogue: Dialogue) -> tuple[Organization, Content]:
    """Mẫu 9: every matter of the dialogue counts; one without an outcome is shown unsettled, with its agency."""
    notice_row = getattr(dialogue, "conclusion_notice", None)
    cases = list(Case.objects.filter(dialogue=dialogue).select_related("agency", "conference_outcome__agency").order_by("pk"))
    outcome_of = {case.pk: getattr(case, "conference_outcome", None) for case in cases}
    settled = [case for case in cases if outcome_of[case.pk] is not None and outcome_of[case.pk].kind == "settled"]
    unsettled = [case for case in cases if case not in settled]
    body = [
        Block(
            f"Ngày {dialogue.date:%d/%m/%Y}, tại {dialogue.venue or '…'}, {_hosts(dialogue)} "
            f"đã chủ trì {lower_first(dialogue.title)}."
        ),
        Block(
            f"1. Tổng số ý kiến, kiến nghị tại hội nghị: {len(cases)}; đã trả lời, giải quyết tại hội nghị: {len(settled)}; "
            f"chưa giải quyết tại hội nghị: {len(unsettled)}."
        ),
        Block("2. Giao các cơ quan giải quyết, trả lời các ý kiến chưa giải quyết tại hội nghị:"),
    ]
    rows = [["TT", "Nội dung", "Cơ quan giải quyết", "Thời hạn"]]
    for n, case in enumerate(unsettled, start=1):
        outcome = outcome_of[case.pk]
        agency = case.agency or (outcome.agency if outcome else None)
        rows.append([str(n), case.summary, agency.name if agency else "", case.due.strftime("%d/%m/%Y") if case.due else ""])
    body.append(Block(rows=rows))
    body.append(
        Block(
            f"3. {dialogue.advising_office.name} theo dõi, đôn đốc việc giải quyết, trả lời"
            f"{': ' + notice_row.advising_duties if notice_row and notice_row.advising_duties else ''}."
        )
    )
    recipients = [r.organization.name for r in notice_row.recipients.filter(organization__isnull=False)] if notice_row else []
    return host_body(dialogue), Content(
        "THÔNG BÁO", f"Kết luận {lower_first(dialogue.title)}", body, recipients=recipients + ["Người kiến nghị"]
    )


def written_answer(petition: Petition, gate: Gate | None = None) -> tuple[Organization, Content]:
    """Addressed to the petitioner by name for a reader the gate allows; others read "Ông/Bà T.V.B."."""
    gate = gate or Gate(None, "docx")
    case = petition.case
    person = petition.petitioner
    body = [
        Block(
            f"{case.agency.name} nhận được ý kiến, kiến nghị của Ông/Bà (mã theo dõi {petition.tracking_code}), "
            f"tiếp nhận ngày {petition.received_on:%d/%m/%Y}: “{petition.content}”."
        ),
        Block(f"Kết quả: {case.get_outcome_display().lower() if case.outcome else 'đang giải quyết'}."),
        Block(case.answer or ""),
    ]
    if case.sent_to:
        body.append(Block(f"Nơi chuyển đến: {case.sent_to}."))
    greeting = gate.label(person, case) if person else "Người kiến nghị"
    if person is not None and person.kind == PetitionerKind.PERSON and not greeting.startswith("Ông/Bà"):
        greeting = f"Ông/Bà {greeting}"
    return case.agency, Content(
        "", f"V/v trả lời ý kiến, kiến nghị (mã {petition.tracking_code})", body, greeting=greeting, recipients=["Như trên"]
    )


DIALOGUE_BUILDERS = {
    Kind.PLAN: plan,
    Kind.ASSIGNMENT: assignment,
    Kind.REQUEST_LETTER: request_letter,
    Kind.OPINION_FORM: opinion_form,
    Kind.COMPILATION: compilation,
    Kind.NOTICE: notice,
    Kind.INVITATION: invitation,
    Kind.PROGRAMME: programme,
    Kind.MINUTES: minutes,
    Kind.CONCLUSION: conclusion,
}
