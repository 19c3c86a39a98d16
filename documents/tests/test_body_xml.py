"""Issue 16: a document's body is written as XML in one pass (200 matters took 3 s through python-docx's add_row)."""

import io

from docx import Document

from documents.render import Block, Content, body_xml, built_in, render


def _table(rows: int) -> list[list[str]]:
    header = ["STT", "Nội dung", "Cơ quan trả lời", "Hạn"]
    return [header] + [[str(n), f"Đề nghị sửa đường ngõ {n} bị ngập", "Phòng Kinh tế", "15/12/2026"] for n in range(1, rows + 1)]


def test_a_conclusion_table_of_200_matters_keeps_every_row_and_the_bold_header():
    content = Content(heading="THÔNG BÁO", summary="Kết luận hội nghị", body=[Block(text="Mở đầu"), Block(rows=_table(200))])
    document = Document(io.BytesIO(render(built_in("party"), {}, content)))
    table = next(table for table in document.tables if table.cell(0, 0).text == "STT")
    assert len(table.rows) == 201 and len(table.columns) == 4
    assert table.cell(0, 1).text == "Nội dung" and table.cell(0, 1).paragraphs[0].runs[0].bold
    assert table.cell(200, 1).text == "Đề nghị sửa đường ngõ 200 bị ngập"
    assert not table.cell(200, 1).paragraphs[0].runs[0].bold
    assert table.style.name == "Table Grid"


def test_text_is_escaped_breaks_and_tabs_kept_and_characters_xml_forbids_dropped():
    content = Content(heading="H", summary="S", body=[Block(text="A <b> & B\ndòng hai\tcột\x07", bold=True, center=True)])
    document = Document(io.BytesIO(render(built_in("state"), {}, content)))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("A <b>"))
    assert paragraph.text == "A <b> & B\ndòng hai\tcột"
    assert paragraph.runs[0].bold and paragraph.alignment == 1  # centred


def test_a_short_row_is_padded_to_the_header_s_columns():
    xml = body_xml([Block(rows=[["a", "b", "c"], ["1"]])])
    assert xml.count("<w:tc>") == 6 and xml.count('<w:gridCol w:w="2880"/>') == 3
