from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

THRESHOLD_KIND = "convening_threshold"
DUTY_KIND = "convening_plan_due"
CLOSED_KIND = "convening_closed"


class ConveningConfig(AppConfig):
    """Dialogues convened at the People's request: voters, requests, supporters, the duty to plan."""

    name = "convening"
    verbose_name = _("Requests to convene a dialogue")

    def ready(self) -> None:
        """Add this app's notification kinds to the notifications registry (which imports no domain app), and its
        retention step to the nightly anonymisation (petitions.retention, which imports no higher app)."""
        from notifications.kinds import KINDS, Kind
        from petitions.retention import register

        from .retention import erase_closed_requests

        register("yêu cầu tổ chức đối thoại đã kết thúc", erase_closed_requests)

        KINDS.setdefault(
            THRESHOLD_KIND,
            Kind(
                THRESHOLD_KIND,
                "Yêu cầu tổ chức đối thoại đã đủ số cử tri",
                "Quản trị viên và cán bộ tham mưu của xã, phường",
                "Luật 72/2025/QH15 Điều 43 (tóm tắt)",
                True,
                "Yêu cầu tổ chức đối thoại đã đủ số cử tri: {{ title }}",
                "Yêu cầu “{{ title }}” ({{ unit_name }}, nhận ngày {{ received_on }}) đã có {{ supporters }} cử tri "
                "ủng hộ, đạt mức {{ threshold }} ({{ percent }} số cử tri, {{ citation }}).\n"
                "Đã mở nhiệm vụ lập kế hoạch hội nghị đối thoại: quản trị viên giao cơ quan chủ trì và thời hạn theo "
                "quy định của đơn vị; cán bộ báo cho người đại diện của cử tri và ghi nhận ngày đã báo.",
            ),
        )
        KINDS.setdefault(
            DUTY_KIND,
            Kind(
                DUTY_KIND,
                "Nhắc hạn lập kế hoạch đối thoại theo yêu cầu của cử tri",
                "Cơ quan được giao, quản trị viên và cán bộ tham mưu của xã, phường",
                "Luật 72/2025/QH15 Điều 43 (tóm tắt)",
                True,
                "Lập kế hoạch đối thoại theo yêu cầu của cử tri: {{ when }} (hạn {{ due }})",
                "{{ owner }} được giao lập kế hoạch hội nghị đối thoại theo yêu cầu “{{ title }}” ({{ unit_name }}).\n"
                "Hạn: {{ due }} ({{ when }}). Căn cứ thời hạn: {{ basis }}.",
            ),
        )
        KINDS.setdefault(
            CLOSED_KIND,
            Kind(
                CLOSED_KIND,
                "Yêu cầu tổ chức đối thoại kết thúc mà không tổ chức đối thoại",
                "Quản trị viên và cán bộ tham mưu của xã, phường",
                "Luật 72/2025/QH15 Điều 43 (tóm tắt)",
                True,
                "Yêu cầu tổ chức đối thoại đã kết thúc: {{ title }}",
                "Yêu cầu “{{ title }}” ({{ unit_name }}, nhận ngày {{ received_on }}; {{ supporters }}/{{ threshold }} "
                "cử tri ủng hộ): {{ state }}.\nLý do: {{ reason }}\n"
                "Cán bộ báo cho người đại diện của cử tri và ghi nhận ngày đã báo trên trang yêu cầu.",
            ),
        )
