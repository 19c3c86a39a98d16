from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

DUE_KIND = "publication_due"


class PublishingConfig(AppConfig):
    """Publication of a dialogue's results within 10 days: portal, commune headquarters, village heads."""

    name = "publishing"
    verbose_name = _("Publication of results")

    def ready(self) -> None:
        from notifications.kinds import KINDS, Kind

        from . import signals  # noqa: F401  (a held dialogue opens its publication duty)

        KINDS.setdefault(  # this app's kind in the notifications registry (which imports no domain app)
            DUE_KIND,
            Kind(
                DUE_KIND,
                "Nhắc hạn công bố kết quả đối thoại",
                "Quản trị viên và cán bộ tham mưu của xã, phường",
                "Luật 72/2025/QH15 Điều 43 (tóm tắt)",
                True,
                "Công bố kết quả đối thoại: {{ when }} (hạn {{ due }})",
                "Kết quả hội nghị “{{ title }}” ({{ unit_name }}) phải được công bố đến Nhân dân: đăng cổng thông tin, "
                "niêm yết tại trụ sở UBND cấp xã và gửi từng trưởng thôn, tổ trưởng tổ dân phố.\n"
                "Hạn: {{ due }} ({{ when }}). Căn cứ: {{ citation }}.",
            ),
        )
