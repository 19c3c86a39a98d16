from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from api.urls import api

admin.site.site_header = _("Dialogue — administration")
admin.site.site_title = _("Dialogue administration")
admin.site.index_title = _("Master data and settings")

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api.urls),
    path("lich-lam-viec/", include("workdays.urls")),
    path("quy-dinh/", include("regulations.urls")),
    path("doi-thoai/", include("dialogues.urls")),
    path("y-kien/", include("petitions.urls")),
    path("hoi-nghi/", include("conference.urls")),
    path("van-ban/", include("documents.urls")),
    path("to-chuc/", include("organizations.urls")),
    path("", include("portal.urls")),
]
# Uploaded files are never served as public media: each has a view that checks who may read it.
