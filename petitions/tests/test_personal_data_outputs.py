"""The permission matrix's output axis: for every role and every output that can carry a petitioner's
identity (page, API, DOCX draft, issued DOCX, PDF, dossier ZIP), whether the name appears and whether
a personal-data access row was written for that output.

Only the advising office, administrators and the assigned agency see petitioners; everyone else
gets the same output redacted ("Ông/Bà T.V.B.") or, for an issued copy, a 403, and nothing is logged.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from docx import Document

from documents import content, dossier
from documents.issuing import issue
from documents.kinds import Kind
from documents.personal import cases_named
from organizations.tests.factories import member
from petitions import casework
from petitions.models import Output, PersonalDataAccess
from petitions.privacy import Gate

from .helpers import agency, assigned, field, hong_an, make_dialogue, person, user

pytestmark = pytest.mark.django_db

NAME = "Trần Văn Bình"
REDACTED = "Ông/Bà T.V.B."

# role → (a user for it, may that user see the petitioner of a matter assigned to ha-pkt?)
ROLES = {
    "advising staff": (lambda: user("vanphong"), True),
    "administrator (city, above the ward)": (lambda: user("quantri"), True),
    "host (chair)": (lambda: user("chutri"), False),
    "agency officer, assigned": (lambda: user("canbo"), True),
    "agency head, assigned": (lambda: user("lanhdao"), True),
    "agency officer, not assigned": (lambda: member("agency_officer", agency("ha-pvhxh"), username="canbo_vhxh"), False),
    "agency head, not assigned": (lambda: member("agency_head", agency("ha-pvhxh"), username="lanhdao_vhxh"), False),
    "front supervisor": (lambda: user("mattran"), False),
    "conference secretary": (lambda: user("thuky"), False),
    "upper-level viewer": (lambda: user("captren"), False),
}


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    settings.REQUIRE_2FA_FOR_ADMINS = False  # the administrator's second factor is tested with the accounts


@pytest.fixture
def matter(demo):
    """A matter of a Hồng An dialogue from Trần Văn Bình, assigned to ha-pkt, answered, its Mẫu 6 issued and in the dossier."""
    dialogue = make_dialogue()
    case = assigned(dialogue=dialogue)
    casework.draft_answer(case, user("canbo"), "resolved", "Phường sửa ngõ 12 trong quý II/2027.")
    casework.approve(case, user("lanhdao"))
    report = issue(Kind.ANSWER_REPORT, user("vanphong"), dialogue, agency())
    code = next(r.code for r in dialogue.profile.dossier_items() if dossier.generated_items().get(r.code) == Kind.ANSWER_REPORT)
    dossier.generate(dialogue, code, user("vanphong"))
    PersonalDataAccess.objects.all().delete()
    return dialogue, case, report


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def logged(reader, output: str) -> int:
    return PersonalDataAccess.objects.filter(user=reader, output=output).count()


def check(text: str, reader, output: str, sees: bool) -> None:
    """The name is there and one row was written for this output — or the name is absent and nothing was written."""
    if sees:
        assert NAME in text and REDACTED not in text
        assert logged(reader, output) == 1
    else:
        assert NAME not in text
        assert logged(reader, output) == 0


@pytest.mark.parametrize("role", ROLES)
def test_case_page(client, matter, role):
    make, sees = ROLES[role]
    reader = make()
    client.force_login(reader)
    _, case, _ = matter
    response = client.get(f"/y-kien/vu-viec/{case.pk}/")
    assert response.status_code == 200
    check(response.content.decode(), reader, Output.PAGE, sees)
    if sees:
        access = PersonalDataAccess.objects.get(user=reader)
        assert list(access.cases.all()) == [case] and access.path == f"/y-kien/vu-viec/{case.pk}/" and access.shown == 1


@pytest.mark.parametrize("role", ROLES)
def test_api_one_and_list(client, matter, role):
    make, sees = ROLES[role]
    reader = make()
    client.force_login(reader)
    _, case, _ = matter
    petition = case.petitions.get()
    one = client.get(f"/api/v1/petitions/{petition.pk}").json()
    assert (one["petitioner"] is not None) is sees
    check(str(one), reader, Output.API, sees)
    listed = client.get("/api/v1/petitions", {"dialogue": case.dialogue_id}).json()["items"]
    assert [item["id"] for item in listed] == [petition.pk]
    assert (NAME in str(listed)) is sees
    assert logged(reader, Output.API) == (2 if sees else 0)


@pytest.mark.parametrize("role", ROLES)
def test_docx_drafts_are_rendered_per_reader(client, matter, role):
    make, sees = ROLES[role]
    reader = make()
    client.force_login(reader)
    dialogue, case, _ = matter
    report = client.get(f"/van-ban/doi-thoai/{dialogue.pk}/du-thao/answer_report/", {"agency": agency().pk})
    assert report.status_code == 200
    text = docx_text(report.content)
    check(text, reader, Output.DOCX, sees)
    assert sees or REDACTED in text
    PersonalDataAccess.objects.all().delete()
    letter = client.get(f"/van-ban/tra-loi/{case.petitions.get().pk}/")
    assert letter.status_code == 200
    text = docx_text(letter.content)
    check(text, reader, Output.DOCX, sees)
    assert sees or f"Kính gửi: {REDACTED}" in text


@pytest.mark.parametrize("role", ROLES)
def test_issued_docx(client, matter, role):
    make, sees = ROLES[role]
    reader = make()
    client.force_login(reader)
    _, _, report = matter
    response = client.get(f"/van-ban/tai/{report.pk}/")
    if sees:
        assert response.status_code == 200
        check(docx_text(b"".join(response.streaming_content)), reader, Output.DOCX, sees)
    else:
        assert response.status_code == 403
        assert logged(reader, Output.DOCX) == 0


def downloaded(client, response) -> bytes:
    """Follow a background job (inline in tests) to its result download."""
    assert response.status_code == 302, response.status_code
    result = client.get(response.url)
    assert result.status_code == 200, result.status_code
    return b"".join(result.streaming_content) if result.streaming else result.content


@pytest.mark.parametrize("role", ROLES)
def test_pdf_converts_only_what_the_reader_may_see(client, matter, role, monkeypatch):
    """LibreOffice may be absent: the converter is replaced and the DOCX it would convert is read."""
    converted: list[bytes] = []
    monkeypatch.setattr("documents.render.to_pdf", lambda data: converted.append(data) or b"%PDF-1.7 test")
    make, sees = ROLES[role]
    reader = make()
    client.force_login(reader)
    _, _, report = matter
    response = client.post(f"/van-ban/tai/{report.pk}/pdf/")
    if sees:
        assert downloaded(client, response).startswith(b"%PDF")
        check(docx_text(converted[0]), reader, Output.PDF, sees)
    else:
        assert response.status_code == 403 and converted == []
        assert client.get(f"/van-ban/tai/{report.pk}/pdf/").status_code == 403
        assert logged(reader, Output.PDF) == 0


@pytest.mark.parametrize("role", ROLES)
def test_dossier_zip(client, matter, role):
    make, sees = ROLES[role]
    reader = make()
    client.force_login(reader)
    dialogue, _, _ = matter
    data = downloaded(client, client.post(f"/van-ban/doi-thoai/{dialogue.pk}/ho-so.zip"))
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        reports = [name for name in bundle.namelist() if "bao-cao-tra-loi-y-kien" in name]
        assert len(reports) == 1
        text = docx_text(bundle.read(reports[0]))
    check(text, reader, Output.ZIP, sees)
    if not sees:
        assert REDACTED in text and "da an thong tin ca nhan" in reports[0]


@pytest.mark.parametrize("role", ROLES)
def test_single_dossier_file(client, matter, role):
    """The dossier page links each file: the generated Mẫu 6 goes only to readers allowed, like the issued copy."""
    from documents.models import DossierFile

    make, sees = ROLES[role]
    reader = make()
    client.force_login(reader)
    dialogue, _, _ = matter
    stored = DossierFile.objects.get(document__kind=Kind.ANSWER_REPORT, entry__dialogue=dialogue)
    response = client.get(f"/van-ban/doi-thoai/{dialogue.pk}/ho-so/tep/{stored.pk}/")
    if sees:
        assert response.status_code == 200
        check(docx_text(b"".join(response.streaming_content)), reader, Output.DOCX, sees)
    else:
        assert response.status_code == 403
        assert logged(reader, Output.DOCX) == 0


@pytest.mark.parametrize(("username", "sees"), [("vanphong", True), ("canbo", True), ("thuky", False), ("canbo_vhxh", False)])
def test_filled_form_4_names_the_petitioner_only_for_readers_allowed(demo, username, sees):
    """A Mẫu 4 sheet whose opinion is assigned to ha-pkt: its copy is gated like Mẫu 6 (here at the builder)."""
    if username == "canbo_vhxh":
        member("agency_officer", agency("ha-pvhxh"), username=username)
    dialogue = make_dialogue()
    opinion = casework.Opinion("Sửa đường ngõ 12", field=field("kinh_te"))
    (petition,) = casework.receive_sheet(user("vanphong"), hong_an(), person(), [opinion], datetime.date(2026, 11, 2), dialogue)
    casework.classify(petition.case, user("vanphong"), field("kinh_te"), "within")
    casework.assign(petition.case, user("vanphong"), agency(), datetime.date(2026, 12, 30))
    assert [case.pk for case in cases_named(Kind.OPINION_FORM, dialogue, petition.sheet_id)] == [petition.case_id]
    reader = user(username)
    gate = Gate(reader, Output.DOCX)
    _, built = content.opinion_form(dialogue, petition.sheet, gate)
    gate.close()
    text = "\n".join(block.text for block in built.body)
    assert (NAME in text) is sees and ("Tổ dân phố số 3" in text) is sees
    assert logged(reader, Output.DOCX) == (1 if sees else 0)
    if not sees:
        assert REDACTED in text and "(đã ẩn)" in text


def test_issued_report_stays_closed_to_an_agency_whose_matter_was_reassigned(client, demo):
    """The Mẫu 6 issued by ha-pkt names Trần Văn Bình; once the matter goes to ha-pvhxh, ha-pkt no longer sees him."""
    dialogue = make_dialogue()
    case = assigned(dialogue=dialogue)
    report = issue(Kind.ANSWER_REPORT, user("vanphong"), dialogue, agency())
    casework.assign(case, user("vanphong"), agency("ha-pvhxh"), case.due, "Thuộc lĩnh vực văn hóa - xã hội")
    client.force_login(user("canbo"))
    assert client.get(f"/van-ban/tai/{report.pk}/").status_code == 403
    client.force_login(user("vanphong"))
    assert client.get(f"/van-ban/tai/{report.pk}/").status_code == 200
    assert logged(user("canbo"), Output.DOCX) == 0 and logged(user("vanphong"), Output.DOCX) == 1
