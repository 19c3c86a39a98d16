"""An iCalendar (RFC 5545) feed of a unit's public dialogues, written by hand: it is a few lines per event."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from dialogues.models import Dialogue

ZONE = "Asia/Ho_Chi_Minh"


def escape(text: str) -> str:
    """TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    text = (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines of at most 75 octets (§3.1), continued with CRLF and a space, never splitting a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74  # continuation lines start with one space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _local(day: datetime.date, time: datetime.time) -> str:
    return datetime.datetime.combine(day, time).strftime("%Y%m%dT%H%M%S")


def calendar(name: str, dialogues: Iterable[Dialogue], url_for, host: str) -> str:
    """The VCALENDAR text; `url_for(dialogue)` gives each event's public page address."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Doi thoai//Lich doi thoai//VI",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{ZONE}",
        # RFC 5545 wants a VTIMEZONE for every TZID used; Việt Nam keeps +07:00 all year.
        "BEGIN:VTIMEZONE",
        f"TZID:{ZONE}",
        "BEGIN:STANDARD",
        "DTSTART:19750613T000000",
        "TZOFFSETFROM:+0700",
        "TZOFFSETTO:+0700",
        "TZNAME:ICT",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    for dialogue in dialogues:
        place = dialogue.venue or dialogue.meeting_link
        lines += [
            "BEGIN:VEVENT",
            f"UID:doi-thoai-{dialogue.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID={ZONE}:{_local(dialogue.date, dialogue.start_time)}",
            f"DTEND;TZID={ZONE}:{_local(dialogue.date, dialogue.end_time)}",
            f"SUMMARY:{escape(dialogue.title)}",
            f"LOCATION:{escape(place)}",
            f"DESCRIPTION:{escape(dialogue.get_kind_display() + '. ' + dialogue.host_names())}",
            f"URL:{url_for(dialogue)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
