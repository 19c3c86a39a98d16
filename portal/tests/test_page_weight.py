"""Issue 14: fast on a slow connection — no public page weighs over 200 KB before images (HTML + CSS + scripts)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from .public_helpers import announced, sent

pytestmark = pytest.mark.django_db

LIMIT = 200 * 1024
STATIC = Path(settings.BASE_DIR) / "static"


def weight(html: str) -> int:
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert assets, "the page links its stylesheet and scripts"
    return len(html.encode()) + sum((STATIC / asset).stat().st_size for asset in assets)


def test_every_public_page_is_under_200_kb(client, demo):
    dialogue = announced()
    code = sent().code
    pages = ["/", "/lich-doi-thoai/", f"/lich-doi-thoai/{dialogue.pk}/", "/gui-y-kien/", f"/gui-y-kien/bien-nhan/{code}/"]
    pages.append(f"/tra-cuu/?ma={code}")
    weights = {page: weight(client.get(page).content.decode()) for page in pages}
    print({page: round(size / 1024, 1) for page, size in weights.items()})
    assert max(weights.values()) < LIMIT, weights


def test_the_conclusion_pages_are_under_200_kb(client, demo, monkeypatch):
    from .conclusion_helpers import concluded

    dialogue, opinions = concluded(monkeypatch)
    pages = ["/ket-luan/", f"/ket-luan/{dialogue.pk}/", f"/ket-luan/{dialogue.pk}/ban-pdf/"]
    pages.append(f"/tra-cuu/?ma={opinions[1].tracking_code}")
    weights = {page: weight(client.get(page).content.decode()) for page in pages}
    print({page: round(size / 1024, 1) for page, size in weights.items()})
    assert max(weights.values()) < LIMIT, weights
