"""How each channel delivers one notification. A failure raises SendFailed with a readable reason.

Email goes through Django's mail (EMAIL_* settings from the environment; the embedded default writes files
to var/mail/). SMS and Zalo OA go through a gateway named by NOTIFY_SMS_GATEWAY / NOTIFY_ZALO_GATEWAY (a
dotted path to a callable `send(address, text)`); the default only writes a log line, so nothing leaves
the server until the deployment configures a real gateway.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from .models import Notification, NotificationChannel

logger = logging.getLogger("doithoai.notifications")


HEADER = "X-Doithoai-Notification"


class SendFailed(Exception):
    """A channel could not deliver; the message is stored on the row for the administrator."""


def logging_gateway(address: str, text: str) -> None:
    """The default SMS/Zalo gateway: a log line instead of a message."""
    logger.info("notification gateway (log only)", extra={"address_tail": address[-3:], "length": len(text)})


def _gateway(channel: str):
    setting = "NOTIFY_SMS_GATEWAY" if channel == NotificationChannel.SMS else "NOTIFY_ZALO_GATEWAY"
    return import_string(getattr(settings, setting, "notifications.channels.logging_gateway"))


def deliver(notification: Notification, mail_connection=None) -> None:
    """Send one notification by its channel; in-app needs nothing more than being marked sent.

    `mail_connection` (from Django's get_connection) lets the poller send a whole batch over one SMTP session.
    """
    channel = notification.channel
    if channel == NotificationChannel.IN_APP:
        return
    if not notification.address:
        raise SendFailed("Người nhận không có địa chỉ cho kênh này.")
    try:
        if channel == NotificationChannel.EMAIL:
            message = EmailMessage(
                notification.subject,
                notification.body,
                None,
                [notification.address],
                connection=mail_connection,
                headers={HEADER: str(notification.pk)},  # the mail viewer finds the row (and its consent) by it
            )
            message.send()
        else:
            _gateway(channel)(notification.address, f"{notification.subject}\n{notification.body}")
    except Exception as error:  # any transport error: keep it on the row, retry later
        raise SendFailed(f"{type(error).__name__}: {error}"[:1000]) from error
