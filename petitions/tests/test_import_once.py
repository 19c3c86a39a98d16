"""A previewed spreadsheet goes in once: the token is used once, the file stays on the server, large files
run as a background job, and bad rows (e.g. a 500-character name) import nothing."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook

from jobs.models import Job
from organizations.models import StagedImport
from petitions import importing
from petitions.importing import COLUMNS
from petitions.models import Case, Petition

from .helpers import hong_an, user

pytestmark = pytest.mark.django_db
URL = "/y-kien/nhap-tep/"


def upload(rows, name="y-kien.xlsx"):
    book = Workbook()
    book.active.append(list(COLUMNS.values()))
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def row(content="Đề nghị nạo vét cống tổ 3", name="Nguyễn Văn A"):
    return [content, "Kinh tế", "front", "02/11/2026", name, "", "Tổ dân phố số 3", "", ""]


def previewed(client, rows, username="vanphong"):
    client.force_login(user(username))
    response = client.post(URL, {"unit": hong_an().pk, "file": upload(rows)})
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def test_the_file_is_kept_on_the_server_not_sent_back_in_the_page(client, demo):
    response = previewed(client, [row()])
    staged = StagedImport.objects.get()
    assert response.context["token"] == staged.token and staged.state == "previewed"
    assert staged.file.name.startswith("imports/") and staged.file.size > 0
    html = response.content.decode()
    assert f'value="{staged.token}"' in html and len(html) < 20000  # no file content in a hidden field
    assert Petition.objects.count() == 0


def test_confirming_twice_imports_once_and_the_second_says_so(client, demo):
    token = previewed(client, [row(), row("Đèn đường tổ 5 hỏng")]).context["token"]
    first = client.post(URL, {"token": token})
    assert first.status_code == 302 and Petition.objects.count() == 2
    second = client.post(URL, {"token": token}, follow=True)
    assert Petition.objects.count() == 2 and Case.objects.count() == 2
    staged = StagedImport.objects.get(token=token)
    assert second.redirect_chain[-1][0] == f"/y-kien/nhap-tep/{token}/"
    page = second.content.decode()
    assert "Tệp này đã được nhập trước đó" in page
    assert all(code in page for code in staged.params["codes"])
    assert (staged.state, staged.created_count, staged.imported_by.username) == ("imported", 2, "vanphong")


def test_a_second_confirmation_through_the_verb_does_nothing(demo):
    unit = hong_an()
    content = upload([row()]).getvalue()
    _, _, staged = importing.preview(user("vanphong"), unit, None, "y.xlsx", content, importing.fields_by_name(unit))
    units = unit.__class__.objects.filter(pk=unit.pk)
    assert importing.confirm(user("vanphong"), staged.token, units).done_now
    again = importing.confirm(user("vanphong"), staged.token, units)
    assert again.already and not again.done_now and Petition.objects.count() == 1


def test_someone_elses_token_imports_nothing(client, demo):
    token = previewed(client, [row()]).context["token"]
    client.force_login(user("quantri"))  # may receive opinions in Hồng An, but did not check this file
    assert client.post(URL, {"token": token}).status_code == 302
    assert Petition.objects.count() == 0 and StagedImport.objects.get(token=token).state == "previewed"


def test_an_expired_preview_imports_nothing(client, demo):
    token = previewed(client, [row()]).context["token"]
    StagedImport.objects.filter(token=token).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    response = client.post(URL, {"token": token}, follow=True)
    assert "hết hạn" in response.content.decode()
    assert Petition.objects.count() == 0


def test_a_500_character_name_is_a_row_error_and_nothing_is_kept(client, demo):
    client.force_login(user("vanphong"))
    response = client.post(URL, {"unit": hong_an().pk, "file": upload([row(), row(name="A" * 500)])})
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert [(error.row, error.column) for error in errors] == [(3, COLUMNS["name"])]
    assert "quá 200 ký tự" in errors[0].message
    assert Petition.objects.count() == 0 and not StagedImport.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, demo):
    client.force_login(user("vanphong"))
    fake = io.BytesIO(b"%PDF-1.4 not a table")
    fake.name = "y-kien.xlsx"
    response = client.post(URL, {"unit": hong_an().pk, "file": fake})
    assert response.status_code == 400 and "file" in response.context["form"].errors
    assert not StagedImport.objects.exists()


def test_a_large_file_runs_as_one_background_job(client, demo, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    preview = previewed(client, [row(f"Ý kiến số {n}") for n in range(3)])
    assert preview.context["background"]
    token = preview.context["token"]
    response = client.post(URL, {"token": token}, follow=True)
    job = Job.objects.get(kind="petitions.import")
    assert job.dedupe_key == f"import:{token}" and job.state == "done", job.message
    assert Petition.objects.count() == 3 and StagedImport.objects.get().state == "imported"
    assert f"/cong-viec/{job.pk}/" in response.content.decode() or job.result_name in response.content.decode()
    client.post(URL, {"token": token})
    assert Job.objects.count() == 1 and Petition.objects.count() == 3


def test_unconfirmed_previews_are_purged_with_their_files(client, demo):
    token = previewed(client, [row()]).context["token"]
    old = StagedImport.objects.get(token=token)
    StagedImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    path = old.file.path
    previewed(client, [row("Ý kiến khác")])
    assert not StagedImport.objects.filter(pk=old.pk).exists()
    import os

    assert not os.path.exists(path) and StagedImport.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_confirmations_import_once(demo):
    """PostgreSQL: two requests confirming the same token at the same moment; the row lock lets one in."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")
    unit = hong_an()
    content = upload([row(), row("Đèn đường tổ 5 hỏng")]).getvalue()
    _, _, staged = importing.preview(user("vanphong"), unit, None, "y.xlsx", content, importing.fields_by_name(unit))
    outcomes, barrier = [], threading.Barrier(2)

    def confirm_once():
        try:
            barrier.wait()
            units = unit.__class__.objects.filter(pk=unit.pk)
            outcomes.append(importing.confirm(user("vanphong"), staged.token, units))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted((outcome.done_now, outcome.already) for outcome in outcomes) == [(False, True), (True, False)]
    assert Petition.objects.count() == 2
