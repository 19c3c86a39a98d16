"""Vietnamese error pages in the site's look; a server error shows the request id and never a traceback."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import include, path

from organizations.tests.factories import UserFactory


def _boom(request):
    raise RuntimeError("secret detail of a crash")


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [path("boom/", _boom), path("cam/", _forbidden), path("", include("config.urls"))]
handler500 = "common.errors.server_error"


@pytest.fixture
def crashing_site(settings):
    settings.ROOT_URLCONF = __name__


@pytest.mark.django_db
def test_404_is_vietnamese_in_the_site_look(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text
    assert 'class="topbar"' in text


@pytest.mark.django_db
def test_403_is_vietnamese(client, crashing_site):
    client.force_login(UserFactory(username="chi.le"))
    response = client.get("/cam/")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_page_is_vietnamese(client):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post("/dang-nhap/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


@pytest.mark.django_db
def test_500_shows_the_request_id_and_no_traceback(client, crashing_site):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Lỗi máy chủ" in text
    assert response["X-Request-ID"] in text
    assert "secret detail" not in text
    assert "Traceback" not in text
