"""Issue 11, "Screens": channel names (not codes) in the import, the two field lists apart, the list's code,
date and dialogue columns, and its Excel export through the personal-data gate."""

import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from petitions.enums import Channel
from petitions.importing import COLUMNS, check_rows, template_workbook
from petitions.models import PersonalDataAccess
from petitions.views import _fields_by_name

from .helpers import hong_an, make_dialogue, person, receive
from .test_import import xlsx

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def test_import_preview_shows_the_channel_by_name(demo):
    unit = hong_an()
    content = xlsx([list(COLUMNS.values()), ["Đề nghị sửa đường ngõ 12", "Kinh tế", "front", "02/11/2026", "", "", "", "", ""]])
    result, rows = check_rows(unit, "y-kien.xlsx", content, _fields_by_name(unit))
    assert result.ok and rows[0]["channel_label"] == Channel.FRONT.label


def test_import_template_names_channels_without_codes(demo):
    book = load_workbook(io.BytesIO(template_workbook()))
    example = [cell.value for cell in book.worksheets[0][2]]
    channels = [cell.value for (cell,) in book.worksheets[1].iter_rows()]
    assert example[2] == str(Channel.FRONT.label)
    assert not set(Channel.values) & {*example, *channels}
    assert set(map(str, Channel.labels)) <= set(channels)


def test_bad_channel_lists_the_names(demo):
    unit = hong_an()
    content = xlsx([list(COLUMNS.values()), ["Đề nghị sửa đường", "", "bồ câu", "02/11/2026", "", "", "", "", ""]])
    result, _rows = check_rows(unit, "y-kien.xlsx", content, _fields_by_name(unit))
    message = result.errors[0].message
    assert str(Channel.FRONT.label) in message and "front," not in message


def test_classify_select_keeps_the_two_field_lists_apart(client, demo):
    petition = receive()
    html = login(client, "vanphong").get(f"/y-kien/vu-viec/{petition.case.pk}/").content.decode()
    assert '<optgroup label="Lĩnh vực theo Mẫu 4">' in html and '<optgroup label="Lĩnh vực theo Mẫu 5">' in html
    form4 = html.split('label="Lĩnh vực theo Mẫu 4">')[1].split("</optgroup>")[0]
    assert "Kinh tế" in form4 and "Đất đai, môi trường" not in form4


def test_list_shows_code_received_date_and_dialogue(client, demo):
    dialogue = make_dialogue(title="Hội nghị tháng Mười Hai")
    petition = receive(dialogue=dialogue)
    html = login(client, "vanphong").get("/y-kien/").content.decode()
    table = html.split('id="cases"')[1]
    assert petition.tracking_code in table and "02/11/2026" in table and "Hội nghị tháng Mười Hai" in table


def test_export_names_petitioners_for_the_advising_office_and_logs_it(client, demo):
    petition = receive(who=person("Trần Văn Bình"))
    response = login(client, "vanphong").get("/y-kien/xuat-excel/", {"q": "ngõ 12"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows()]
    assert rows[1][0] == petition.tracking_code and rows[1][4] == "Trần Văn Bình"
    access = PersonalDataAccess.objects.get(output="export")
    assert access.user.username == "vanphong" and list(access.cases.all()) == [petition.case]


def test_export_redacts_for_who_may_not_see_names_and_logs_nothing(client, demo):
    receive(who=person("Trần Văn Bình"))
    response = login(client, "mattran").get("/y-kien/xuat-excel/")
    text = " ".join(str(c.value) for r in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows() for c in r)
    assert "Trần Văn Bình" not in text and "Ông/Bà T.V.B." in text
    assert not PersonalDataAccess.objects.exists()
