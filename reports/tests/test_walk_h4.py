"""Walk-through findings on the reports page (h4): submitting locks the figures, so the button asks first."""

import pytest

from reports.models import ReportSubmission

from .test_pages import city, client_for  # noqa: F401 - fixture


@pytest.mark.django_db
def test_submit_button_asks_before_locking_the_figures(city):  # noqa: F811
    an_binh = city.children.get(code="XA-AB")
    staff = client_for("advising_staff", an_binh, "can_bo_an_binh")
    html = staff.get("/bao-cao/", {"don_vi": "XA-AB", "ky": "2026-Q1"}).content.decode()
    submit = html.split('value="submit"')[1].split(">")[0]
    assert 'data-confirm="Gửi báo cáo lên cấp trên?' in submit
    draft = html.split('value="draft"')[1].split(">")[0]
    assert "data-confirm" not in draft  # saving a draft locks nothing: no question
    assert not ReportSubmission.objects.exists()


@pytest.mark.django_db
def test_period_box_says_in_vietnamese_how_to_write_a_period(city):  # noqa: F811
    """The period codes (Q, H, 9M) are not Vietnamese: the box explains them and is styled like the other boxes."""
    viewer = client_for("upper_viewer", city, "theo_doi_thanh_pho")
    for page in ("/bao-cao/", "/bao-cao/bang-dieu-khien/"):
        html = viewer.get(page, {"don_vi": city.code, "ky": "2026-Q1"}).content.decode()
        assert "Quý: 2026-Q1 · 6 tháng: 2026-H1 · 9 tháng: 2026-9M · cả năm: 2026" in html
        box = html.split('name="ky"')[0].rsplit("<input", 1)[1]
        assert 'type="text"' in box  # site.css styles text boxes by their type
