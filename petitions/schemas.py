"""The petitioner as the API receives it, shared by the staff intake (petitions.api) and the public portal's
sending form (portal.api): one set of limits, taken from the model (common/api_types.py)."""

from __future__ import annotations

from ninja import Schema

from common.api_types import Choice, Text

from .enums import PetitionerKind


class PetitionerIn(Schema):
    kind: Choice = PetitionerKind.UNKNOWN
    full_name: Text(200) = ""
    organization_name: Text(255) = ""
    representative: Text(200) = ""
    address: Text(300) = ""
    phone: Text(30) = ""
    email: Text(254) = ""
