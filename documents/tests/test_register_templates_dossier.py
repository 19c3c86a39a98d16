"""The register under concurrent issuing, template upload (good and broken), the dossier checklist and ZIP."""

import datetime
import io
import threading
import zipfile

import pytest
from django.db import connection
from docx import Document

from dialogues.tests.factories import make_dialogue
from documents import dossier, templating
from documents.issuing import issue
from documents.kinds import Kind
from documents.layout import default_template
from documents.models import DossierStatus, IssuedDocument
from documents.render import RenderError
from organizations.models import Organization
from petitions.tests.helpers import user

from .test_documents import party_dialogue, texts  # noqa: F401 - fixture


@pytest.mark.django_db(transaction=True)
def test_two_people_issuing_at_once_never_get_the_same_number(demo):
    """Eight threads issue the plans of eight dialogues of the same committee at once (PostgreSQL row locks)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent issuing needs a server database; it runs in the PostgreSQL pass of `make test`")
    dialogues = iter([make_dialogue(title=f"Đối thoại {n}") for n in range(8)])
    errors = []

    def worker():
        from django.db import connection as thread_connection

        try:
            issue(Kind.PLAN, None, next(dialogues))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(IssuedDocument.objects.filter(kind=Kind.PLAN).values_list("number", flat=True))
    assert numbers == list(range(1, 9))


@pytest.mark.django_db
def test_good_template_is_used_and_a_broken_one_is_refused(party_dialogue):  # noqa: F811
    committee = Organization.objects.get(code="ha-danguy")
    original = Document(io.BytesIO(default_template("party")))
    original.add_paragraph("Mẫu riêng của Đảng ủy phường Hồng An")
    buffer = io.BytesIO()
    original.save(buffer)
    templating.upload(committee, Kind.INVITATION, "giay-moi.docx", buffer.getvalue(), user("quantri"))
    issued = issue(Kind.INVITATION, None, party_dialogue)
    with issued.file.open("rb") as handle:
        assert "Mẫu riêng của Đảng ủy phường Hồng An" in texts(Document(io.BytesIO(handle.read())))
    broken = Document(io.BytesIO(default_template("party")))
    broken.add_paragraph("{{ issuer_name ")
    buffer = io.BytesIO()
    broken.save(buffer)
    with pytest.raises(RenderError, match="lỗi cú pháp"):
        templating.upload(committee, Kind.INVITATION, "hong.docx", buffer.getvalue(), user("quantri"))
    with pytest.raises(RenderError, match="không phải tệp .docx"):
        templating.upload(committee, Kind.INVITATION, "hong.docx", b"not a docx", user("quantri"))
    with pytest.raises(RenderError, match=".docx"):
        templating.upload(committee, Kind.INVITATION, "mau.pdf", b"%PDF", user("quantri"))
    issued = issue(Kind.INVITATION, None, party_dialogue, replace=True, reason="Thử lại sau khi mẫu lỗi bị từ chối")
    with issued.file.open("rb") as handle:
        assert "Mẫu riêng của Đảng ủy phường Hồng An" in texts(Document(io.BytesIO(handle.read()))), "the old template stays"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "unit, count",
    [("31-HONGAN", 14), ("31-TANKY", 16), ("31-GIAVIEN", 16)],
)
def test_checklist_per_profile(demo, unit, count, monkeypatch):
    """000 mục 7: 14 items; 002 IV.4.2: 16 with the assignment documents; Gia Viên takes 002's list.

    The 2025 plans of Tân Kỳ and Gia Viên bind 2025 dialogues only, so those two are planned in December 2025.
    """
    from common.tests.clock import today_is

    if unit != "31-HONGAN":
        today_is(monkeypatch, datetime.date(2025, 11, 3))
    dialogue = make_dialogue(unit, user=user("quantri"), hosts=None) if unit == "31-HONGAN" else None
    if dialogue is None:
        from dialogues import lifecycle
        from dialogues.tests.factories import head

        hosts = [lifecycle.HostChoice(head(unit)), lifecycle.HostChoice(head(unit, "committee_chair"))]
        dialogue = make_dialogue(unit, date=datetime.date(2025, 12, 10), user=user("quantri"), hosts=hosts)
    items = dossier.checklist(dialogue)
    assert len(items) == count
    assert [item.rule.group for item in items][0] == "before"
    assert dossier.completeness(dialogue) == (0, count)


@pytest.mark.django_db
def test_generate_upload_not_applicable_and_zip(party_dialogue):  # noqa: F811
    staff = user("vanphong")
    documents = dossier.generate(party_dialogue, "plan", staff)
    assert documents[0].symbol == "01-KH/ĐU"
    dossier.generate(party_dialogue, "conclusion_notice", staff)
    with pytest.raises(dossier.DossierError):
        dossier.generate(party_dialogue, "socio_economic_report", staff)
    with pytest.raises(dossier.DossierError, match="PDF, PNG, JPEG"):
        dossier.upload(party_dialogue, "socio_economic_report", "bao-cao.exe", b"MZ\x90\x00", staff)
    with pytest.raises(dossier.DossierError, match="20 MB"):
        dossier.upload(party_dialogue, "socio_economic_report", "lon.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024), staff)
    dossier.upload(party_dialogue, "socio_economic_report", "bao-cao-kt-xh.pdf", b"%PDF-1.4 scan", staff)
    with pytest.raises(dossier.DossierError):
        dossier.not_applicable(party_dialogue, "further_directions", " ")
    dossier.not_applicable(party_dialogue, "further_directions", "Không có vụ việc phải chỉ đạo tiếp")
    with pytest.raises(dossier.DossierError):
        dossier.not_applicable(party_dialogue, "khong-co", "x")
    statuses = {item.rule.code: item.status for item in dossier.checklist(party_dialogue)}
    assert statuses["plan"] == DossierStatus.GENERATED and statuses["socio_economic_report"] == DossierStatus.UPLOADED
    assert dossier.completeness(party_dialogue) == (4, 14)
    archive = dossier.export_zip(party_dialogue)
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        assert names[0] == "00 - Muc luc ho so.docx"
        assert names[1].startswith("01 - ") and names[1].endswith("ke-hoach-01-KH-DU.docx")
        assert any(name.endswith("bao-cao-kt-xh.pdf") for name in names)
        index = Document(io.BytesIO(bundle.read(names[0])))
        index_text = texts(index)
        assert "MỤC LỤC HỒ SƠ" in index_text and "Không áp dụng: Không có vụ việc phải chỉ đạo tiếp" in index_text
    positions = [name.split(" - ")[0] for name in names[1:]]
    assert positions == sorted(positions), "files follow the checklist's order"
