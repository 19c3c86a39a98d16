"""Every kind of notification: who it is for, whether the law requires it, its basis and its default text.

The default texts seed `MessageTemplate` (administrators edit them afterwards); they are Jinja templates
rendered in a sandbox over plain values (templating.py). The first line of what is sent is the subject.
A legally required kind cannot be switched off by a user's preferences (docs/thong-bao.md lists them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    audience: str
    citation: str
    legally_required: bool
    subject: str
    body: str


_ANSWER_FOOTER = "Căn cứ: {{ rule }}"

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in [
        Kind(
            "case_assigned",
            "Giao trả lời ý kiến",
            "Cán bộ và thủ trưởng cơ quan được giao",
            "002 IV.3",
            True,
            "Giao trả lời ý kiến: hạn {{ due }}",
            "{{ agency.name }} được giao trả lời vụ việc sau:\n{{ case.summary|truncate(300) }}\n\n"
            "Hạn trả lời: {{ due }}\n" + _ANSWER_FOOTER,
        ),
        Kind(
            "answer_due",
            "Nhắc hạn trả lời",
            "Cán bộ và thủ trưởng cơ quan được giao",
            "003 Điều 10.2",
            True,
            "Nhắc hạn: còn {{ days }} ngày làm việc để trả lời ý kiến (hạn {{ due }})",
            "Vụ việc giao {{ agency.name }} trả lời đến hạn ngày {{ due }} (còn {{ days }} ngày làm việc):\n"
            "{{ case.summary|truncate(300) }}\n\n" + _ANSWER_FOOTER,
        ),
        Kind(
            "answer_overdue",
            "Quá hạn trả lời",
            "Cán bộ và thủ trưởng cơ quan được giao",
            "003 Điều 10.2",
            True,
            "Quá hạn trả lời ý kiến (hạn {{ due }})",
            "Vụ việc giao {{ agency.name }} trả lời đã quá hạn ngày {{ due }}:\n{{ case.summary|truncate(300) }}\n\n"
            + _ANSWER_FOOTER
            + "\nĐề nghị khẩn trương trả lời, hoặc đề xuất gia hạn kèm căn cứ pháp lý.",
        ),
        Kind(
            "case_approved",
            "Dự thảo trả lời được duyệt",
            "Cán bộ soạn dự thảo",
            "",
            False,
            "Dự thảo trả lời đã được duyệt",
            "Thủ trưởng {{ agency.name }} đã duyệt dự thảo trả lời vụ việc:\n{{ case.summary|truncate(300) }}\n"
            '{% if case.status == "assigned" %}\nGia hạn trả lời đến ngày {{ due }}. Căn cứ: {{ rule }}{% endif %}',
        ),
        Kind(
            "case_returned",
            "Dự thảo trả lời bị trả lại",
            "Cán bộ soạn dự thảo",
            "",
            False,
            "Dự thảo trả lời bị trả lại để sửa",
            "Thủ trưởng {{ agency.name }} trả lại dự thảo trả lời vụ việc:\n{{ case.summary|truncate(300) }}\n\n"
            "Ý kiến: {{ comments }}\nHạn trả lời: {{ due }}. Căn cứ: {{ rule }}",
        ),
        Kind(
            "notice_issued",
            "Thông báo kết luận đã ban hành",
            "Mặt trận, Ban Dân vận, Ban Xây dựng Đảng",
            "003 Điều 10.1",
            True,
            "Đã ban hành thông báo kết luận hội nghị đối thoại",
            "Thông báo kết luận hội nghị “{{ dialogue.title }}” ({{ dialogue.unit_name }}, ngày {{ dialogue.date }}) "
            "đã ban hành ngày {{ notice.issued_on }}.\n"
            "Số ý kiến đã giải quyết tại hội nghị: {{ notice.settled }}; chưa giải quyết: {{ notice.unsettled }}.\n\n"
            "{% if citation %}Căn cứ: {{ citation }}.{% endif %}",
        ),
        Kind(
            "petition_received",
            "Biên nhận ý kiến (người kiến nghị)",
            "Người kiến nghị đã đồng ý nhận thông báo",
            "Luật 91/2025/QH15 (nhận thông báo khi chủ thể dữ liệu đồng ý)",
            False,
            "Đã tiếp nhận ý kiến của Ông/Bà — mã theo dõi {{ tracking_code }}",
            "{{ unit_name }} đã tiếp nhận ý kiến, kiến nghị của Ông/Bà ngày {{ received_on }}.\n"
            "Mã theo dõi: {{ tracking_code }}. Ông/Bà dùng mã này để tra cứu kết quả giải quyết"
            "{% if tracking_url %} tại {{ tracking_url }}{% endif %}.\n\n"
            "Ông/Bà nhận thông báo này vì đã đồng ý nhận thông báo qua {{ channel_label }}.",
        ),
        Kind(
            "petition_answered",
            "Đã có trả lời (người kiến nghị)",
            "Người kiến nghị đã đồng ý nhận thông báo",
            "003 Điều 10.2",
            True,
            "Ý kiến {{ tracking_code }} đã có trả lời",
            "{{ agency_name }} đã trả lời ý kiến, kiến nghị của Ông/Bà (mã {{ tracking_code }}) "
            "ngày {{ approved_on }}: {{ outcome }}.\n\n{{ answer|truncate(1500) }}\n\n"
            "Văn bản trả lời chính thức được gửi theo quy định (003 Điều 10.2).",
        ),
        Kind(
            "petition_more_time",
            "Gia hạn trả lời (người kiến nghị)",
            "Người kiến nghị đã đồng ý nhận thông báo",
            "003 Điều 10.2",
            True,
            "Ý kiến {{ tracking_code }}: cần thêm thời gian, hạn mới {{ new_due }}",
            "{{ agency_name }} cần thêm thời gian để giải quyết ý kiến, kiến nghị của Ông/Bà (mã {{ tracking_code }}).\n"
            "Hạn trả lời mới: {{ new_due }}{% if old_due %} (hạn trước: {{ old_due }}){% endif %}.\n"
            "Lý do, căn cứ: {{ reason|truncate(500) }}\n\n"
            "Ông/Bà sẽ được báo khi có văn bản trả lời (003 Điều 10.2).",
        ),
        Kind(
            "petition_conclusion",
            "Thông báo kết luận (người kiến nghị)",
            "Người kiến nghị đã đồng ý nhận thông báo",
            "003 Điều 10.1",
            True,
            "Thông báo kết luận hội nghị đối thoại — ý kiến {{ tracking_code }}",
            "Ngày {{ issued_on }} đã ban hành thông báo kết luận hội nghị “{{ dialogue.title }}” "
            "({{ dialogue.unit_name }}, ngày {{ dialogue.date }}).\n"
            "Ý kiến của Ông/Bà (mã {{ tracking_code }}): {{ summary|truncate(300) }}\n"
            "{% if agency_name %}Giao {{ agency_name }} giải quyết{% if due %}, hạn {{ due }}{% endif %}.{% if rule %}\n"
            "Căn cứ: {{ rule }}{% endif %}{% else %}Đã được trả lời tại hội nghị.{% endif %}\n\n"
            "Căn cứ gửi thông báo: 003 Điều 10.1.",
        ),
        Kind(
            "office_digest",
            "Tổng hợp hằng ngày (cơ quan tham mưu)",
            "Cán bộ cơ quan chủ trì tham mưu",
            "003 Điều 13.2",
            False,
            "Tổng hợp ngày {{ day }}: {{ overdue }} việc quá hạn, {{ soon }} việc sắp đến hạn",
            "{{ office }} — các việc của những cuộc đối thoại do đơn vị tham mưu (003 Điều 13.2: theo dõi, đôn đốc).\n"
            "{% if steps %}\nCác bước:\n{% for item in steps %}- {{ item.title }}: hạn {{ item.due }}"
            "{% if item.overdue %} (QUÁ HẠN){% endif %}{% if item.citation %} — {{ item.citation }}{% endif %}\n"
            "{% endfor %}{% endif %}{% if answers %}\nTrả lời ý kiến:\n{% for item in answers %}- {{ item.title }}: "
            "{{ item.agency }}, hạn {{ item.due }}{% if item.overdue %} (QUÁ HẠN){% endif %}\n{% endfor %}{% endif %}"
            "{% if more %}\n… và {{ more }} việc khác.{% endif %}",
        ),
        Kind(
            "supervision_digest",
            "Tổng hợp hằng tuần (giám sát)",
            "Mặt trận, Ban Dân vận, Ban Xây dựng Đảng",
            "003 Điều 10.1, Điều 14.3",
            False,
            "Tổng hợp tuần {{ week }}: {{ count }} ý kiến quá hạn trả lời ({{ unit_name }})",
            "Các ý kiến quá hạn trả lời thuộc phạm vi theo dõi, giám sát của đơn vị (003 Điều 10.1, Điều 14.3):\n"
            "{% for item in answers %}- {{ item.title }}: {{ item.agency }}, hạn {{ item.due }}, "
            "chậm {{ item.late }} ngày\n{% endfor %}{% if more %}… và {{ more }} ý kiến khác.{% endif %}",
        ),
        Kind(
            "host_briefing",
            "Chuẩn bị trước hội nghị (người chủ trì)",
            "Người chủ trì hội nghị",
            "003 Điều 8, Điều 9",
            False,
            "Chuẩn bị hội nghị đối thoại ngày {{ dialogue.date }}: {{ dialogue.title }}",
            "Hội nghị “{{ dialogue.title }}” họp ngày {{ dialogue.date }}{% if dialogue.venue %} tại {{ dialogue.venue }}"
            "{% endif %} (còn {{ days }} ngày làm việc).\n"
            "{% if programme %}\nChương trình:\n{% for item in programme %}- {{ item.time }} {{ item.title }}"
            "{% if item.who %} ({{ item.who }}){% endif %}\n{% endfor %}{% endif %}"
            "\nÝ kiến theo lĩnh vực ({{ total }}):\n{% for item in fields %}- {{ item.name }}: {{ item.count }}\n"
            "{% else %}- chưa có ý kiến\n{% endfor %}"
            "\nTrả lời: {{ ready }} đã sẵn sàng, {{ not_ready }} chưa có.\n"
            "{% for item in missing %}- Chưa có trả lời: {{ item.title }} ({{ item.agency }})\n{% endfor %}",
        ),
        Kind(
            "notice_awaiting",
            "Thông báo kết luận sắp đến hạn ban hành",
            "Người chủ trì và cơ quan chủ trì tham mưu",
            "003 Điều 10.1",
            True,
            "Thông báo kết luận chưa ban hành: hạn {{ due }}",
            "Hội nghị “{{ dialogue.title }}” đã họp ngày {{ dialogue.date }}; thông báo kết luận phải ban hành "
            "chậm nhất ngày {{ due }} (còn {{ days }} ngày làm việc).\nCăn cứ: {{ rule }}",
        ),
        Kind(
            "report_due",
            "Báo cáo sắp đến hạn",
            "Cán bộ cơ quan tham mưu của đơn vị báo cáo",
            "003 Điều 15.1",
            True,
            "Báo cáo {{ form }} kỳ {{ period }}: hạn {{ due }}",
            "{{ unit_name }}: báo cáo {{ form }} kỳ {{ period }} phải gửi chậm nhất ngày {{ due }} "
            "(còn {{ days }} ngày làm việc){% if recipient_body %} đến {{ recipient_body }}{% endif %}.\n"
            "Căn cứ: {{ citation }}",
        ),
        Kind(
            "personal_digest",
            "Thư tổng hợp thông báo trong ngày",
            "Người dùng chọn nhận thư tổng hợp",
            "",
            False,
            "Thư tổng hợp ngày {{ day }}: {{ count }} thông báo",
            "{% for item in items %}{{ loop.index }}. {{ item.subject }}\n{{ item.body }}\n\n{% endfor %}",
        ),
    ]
}


def legally_required(kind: str) -> bool:
    found = KINDS.get(kind)
    return bool(found and found.legally_required)
