"""Walk-through findings on the documents page (h4): a document never issued offers "Issue", and issuing asks first."""

import pytest

from documents.models import IssuedDocument
from petitions.tests.helpers import user

from .test_documents import party_dialogue  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_a_document_not_yet_issued_offers_issue_not_replace(client, party_dialogue):  # noqa: F811
    """The plan was never issued: the row shows "Issue" (next number), not "Issued: <blank>" and "Replace"."""
    client.force_login(user("vanphong"))
    assert not IssuedDocument.objects.filter(dialogue=party_dialogue).exists()
    html = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/").content.decode()
    row = html.split('<tr data-kind="plan">')[1].split("</tr>")[0]
    assert 'class="issue" data-confirm="Ban hành văn bản này?' in row  # and it asks before taking a number
    assert 'class="replace"' not in row and "Văn bản đã ban hành" not in row
    assert not IssuedDocument.objects.exists()  # showing the page writes nothing


def test_an_issued_document_offers_replace_and_asks_first(client, party_dialogue):  # noqa: F811
    client.force_login(user("vanphong"))
    client.post(f"/van-ban/doi-thoai/{party_dialogue.pk}/ban-hanh/plan/")
    html = client.get(f"/van-ban/doi-thoai/{party_dialogue.pk}/").content.decode()
    row = html.split('<tr data-kind="plan">')[1].split("</tr>")[0]
    assert "01-KH/ĐU" in row and 'class="replace" data-confirm="Thay thế văn bản này?' in row
    assert 'class="issue"' not in row
