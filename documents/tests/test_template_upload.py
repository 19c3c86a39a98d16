"""Organisation templates (issue 9, finding 1): no server-side template injection, only documented
placeholders, only the unit's administrators upload, every upload is in the security log."""

from __future__ import annotations

import contextlib
import io
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from docx import Document

from audit.models import SecurityEvent
from common.tests import files
from documents import templating
from documents.issuing import template_for
from documents.layout import default_template
from documents.models import DocumentTemplate
from documents.render import RenderError, render
from organizations.enums import Role
from organizations.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(kinds):
    return OrganizationFactory(name="Đảng ủy phường Hồng Thử", code="ht-danguy")


@pytest.fixture
def admin(committee):
    return member(Role.ADMIN, committee, username="quantri_ht", first_name="Phạm Văn Quản")


@pytest.fixture
def advising(committee):
    return member(Role.ADVISING_STAFF, committee, username="vanphong_ht", first_name="Lê Thị Văn")


def docx_with(body: str = "", header: str = "", footer: str = "", title: str = "") -> bytes:
    """The built-in template with one more paragraph (or header or footer text, or document title)."""
    document = Document(io.BytesIO(default_template("party")))
    if body:
        document.add_paragraph(body)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    if title:
        document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def payloads(marker) -> list[str]:
    """Classic Jinja escapes, each of which would create `marker` if it ran."""
    command = f"touch {marker}"
    return [
        f"{{{{ cycler.__init__.__globals__.os.popen('{command}').read() }}}}",
        f"{{{{ lipsum.__globals__['os'].popen('{command}').read() }}}}",
        f"{{{{ issuer_name.__class__.__mro__[1].__subclasses__() }}}}"
        f"{{{{ joiner.__init__.__globals__.os.system('{command}') }}}}",
        f"{{% set x = namespace() %}}"
        f"{{{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('{command}') }}}}",
    ]


def stored(committee, kind: str = "plan") -> bytes:
    return template_for(committee, kind)


def good_template(committee, admin) -> bytes:
    content = docx_with("Mẫu riêng của Đảng ủy phường Hồng Thử")
    templating.upload(committee, "plan", "mau.docx", content, admin)
    return content


def test_an_injection_payload_is_refused_at_upload_and_never_runs(committee, admin, tmp_path):
    kept = good_template(committee, admin)
    marker = tmp_path / "pwned"
    for payload in payloads(marker):
        for place in ("body", "header", "footer", "title"):
            with pytest.raises(RenderError, match="không có trong danh sách|cú pháp"):
                templating.upload(committee, "plan", "mau.docx", docx_with(**{place: payload}), admin)
            assert not marker.exists(), f"{place}: {payload}"
    assert stored(committee) == kept, "the previous template stays"


def test_a_payload_in_a_stored_template_does_not_run_when_filled(committee, admin, tmp_path):
    """A template stored before the fix (or put in by other means) is filled in the sandbox."""
    marker = tmp_path / "pwned"
    for payload in payloads(marker):
        for place in ("body", "header", "footer", "title"):
            DocumentTemplate.objects.filter(organization=committee).delete()
            template = DocumentTemplate(organization=committee, kind="plan", uploaded_by=admin)
            template.file.save("cu.docx", ContentFile(docx_with(**{place: payload})))
            with contextlib.suppress(RenderError):  # refused by the sandbox: fine, as long as nothing ran
                render(stored(committee), templating.SAMPLE_HEADER, templating.SAMPLE)
            assert not marker.exists(), f"{place}: {payload}"


@pytest.mark.parametrize(
    "text, why",
    [
        ("{{ so_cmnd_nguoi_dan }}", "so_cmnd_nguoi_dan"),
        ("{{ issuer_name.upper() }}", "lời gọi hàm “(…)” trên “issuer_name”"),
        ("{{ recipients[0] }}", "truy cập phần tử"),
        ("{% for p in range(10) %}{{ p }}{% endfor %}", "vòng lặp lạ"),
        ("{{ signer|attr('x') }}", "attr"),
        ("{{ issuer_name.__class__ }}", "thuộc tính “.__class__” trên “issuer_name”"),
        ("{% include 'mau-khac.docx' %}", "chèn mẫu khác"),
        ("{% macro m() %}x{% endmacro %}", "macro"),
        ("{{ 'a' * 999999999 }}", "phép tính"),
    ],
)
def test_only_documented_placeholders_and_plain_syntax(committee, admin, text, why):
    kept = good_template(committee, admin)
    with pytest.raises(RenderError) as refused:
        templating.upload(committee, "plan", "mau.docx", docx_with(text), admin)
    assert why in str(refused.value)
    assert stored(committee) == kept


def test_loops_conditions_and_simple_filters_are_allowed(committee, admin):
    text = (
        "{% for r in recipients %}{{ loop.index }}. {{ r|upper }}; {% endfor %}"
        "{% if greeting %}{{ greeting|default('Các cơ quan') }}{% endif %}"
    )
    templating.upload(committee, "plan", "mau.docx", docx_with(text), admin)
    filled = Document(io.BytesIO(render(stored(committee), templating.SAMPLE_HEADER, templating.SAMPLE)))
    assert "1. NHƯ TRÊN; Các cơ quan" in "\n".join(p.text for p in filled.paragraphs)


def test_a_docx_with_a_zip_bomb_or_an_exe_is_refused(committee, admin):
    for content in (files.office_zip(inflated=200 * 1024 * 1024), files.EXE):
        with pytest.raises(RenderError):
            templating.upload(committee, "plan", "mau.docx", content, admin)
    assert not DocumentTemplate.objects.exists()


def test_the_advising_office_may_not_upload(client, committee, advising):
    client.force_login(advising)
    assert client.get("/van-ban/mau/").status_code == 403
    upload = io.BytesIO(docx_with("Mẫu của văn phòng"))
    upload.name = "mau.docx"
    response = client.post("/van-ban/mau/", {"organization": committee.pk, "kind": "plan", "file": upload})
    assert response.status_code == 403
    assert not DocumentTemplate.objects.exists()
    assert not SecurityEvent.objects.filter(event="template.upload").exists()


def test_an_administrator_of_another_unit_may_not_upload(client, committee):
    stranger = member(Role.ADMIN, OrganizationFactory(), username="quantri_khac")
    client.force_login(stranger)
    upload = io.BytesIO(docx_with())
    upload.name = "mau.docx"
    response = client.post("/van-ban/mau/", {"organization": committee.pk, "kind": "plan", "file": upload})
    assert response.status_code == 404
    assert not DocumentTemplate.objects.exists()


def test_the_administrator_uploads_and_each_attempt_is_logged(client, committee, admin, tmp_path):
    client.force_login(admin)
    page = client.get("/van-ban/mau/").content.decode()
    assert "{{ archive_line }}" in page and "recipients" in page and "Chưa cấu hình quét virus" in page
    upload = io.BytesIO(docx_with("Mẫu riêng"))
    upload.name = "Mẫu kế hoạch.docx"
    assert client.post("/van-ban/mau/", {"organization": committee.pk, "kind": "plan", "file": upload}).status_code == 302
    kept = stored(committee)
    saved = SecurityEvent.objects.get(event="template.upload")
    assert (saved.user, saved.target, saved.detail["name"]) == (admin, "ht-danguy/plan", "Mẫu kế hoạch.docx")

    marker = tmp_path / "pwned"
    bad = io.BytesIO(docx_with(payloads(marker)[0]))
    bad.name = "mau.docx"
    response = client.post("/van-ban/mau/", {"organization": committee.pk, "kind": "plan", "file": bad})
    assert response.status_code == 400 and "lời gọi hàm “(…)” trên “cycler”" in response.content.decode()
    assert not marker.exists() and stored(committee) == kept
    refused = SecurityEvent.objects.filter(event="template.upload").exclude(pk=saved.pk).get()
    assert "cycler" in refused.detail["refused"]


def test_template_download_is_an_attachment(client, committee, admin):
    client.force_login(admin)
    response = client.get("/van-ban/mau/tai/", {"family": "party"})
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="mau-party.docx"'
    good_template(committee, admin)
    response = client.get("/van-ban/mau/tai/", {"organization": committee.pk, "kind": "plan"})
    assert response.content == stored(committee)
    assert f"filename=\"mau-{quote('ht-danguy')}-plan.docx\"" in response["Content-Disposition"]


def test_issued_document_downloads_are_attachments(client, committee, admin):
    """The download views share common.downloads: attachment with the Vietnamese name, nosniff."""
    from documents.models import IssuedDocument

    document = IssuedDocument(
        organization=committee, kind="plan", number=1, symbol="01-KH/ĐU", issued_on="2026-11-02", title="Kế hoạch"
    )
    document.file.save("plan.docx", ContentFile(default_template("party")))
    client.force_login(admin)
    response = client.get(f"/van-ban/tai/{document.pk}/")
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment; filename") and "01-KH-" in response["Content-Disposition"]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
