"""The staff intake refuses a phone nobody can call back, as the public form does, and keeps what was typed."""

import pytest

from petitions.models import Petition

from .helpers import user

pytestmark = pytest.mark.django_db


def test_a_phone_of_letters_is_refused_and_nothing_is_written(client, demo):
    """A named petitioner must be answered (003 Điều 10.2): "abc" as a phone would leave the office no way back."""
    client.force_login(user("vanphong"))
    unit = Petition._meta.get_field("unit").related_model.objects.get(code="31-HONGAN")
    data = {
        "unit": unit.pk,
        "channel": "email",
        "received_on": "2026-11-02",
        "content": "Đề nghị lắp đèn đường ngõ 8",
        "kind": "person",
        "full_name": "Lê Thị E",
        "phone": "abc",
    }
    response = client.post("/y-kien/tiep-nhan/", data)
    page = response.content.decode()
    assert response.status_code == 400 and "chỉ gồm chữ số" in page and "Lê Thị E" in page
    assert not Petition.objects.exists()
    response = client.post("/y-kien/tiep-nhan/", {**data, "phone": "0912 345 678"})
    assert response.status_code == 302 and Petition.objects.get().petitioner.phone == "0912 345 678"
