from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from api.urls import api
from common.health import healthz
from organizations import accounts

admin.site.site_header = _("Dialogue — administration")
admin.site.site_title = _("Dialogue administration")
admin.site.index_title = _("Master data and settings")

urlpatterns = [
    path("healthz", healthz, name="healthz"),  # load balancer and monitoring; no login, no personal data
    path("dang-nhap/", accounts.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include("organizations.account_urls")),
    # One login page for everyone: the admin's own form would skip the rate limit.
    path("quan-tri/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api.urls),
    path("lich-lam-viec/", include("workdays.urls")),
    path("quy-dinh/", include("regulations.urls")),
    path("doi-thoai/", include("dialogues.urls")),
    path("y-kien/", include("petitions.urls")),
    path("hoi-nghi/", include("conference.urls")),
    path("van-ban/", include("documents.urls")),
    path("to-chuc/", include("organizations.urls")),
    path("cong-viec/", include("jobs.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("bao-cao/", include("reports.urls")),
    path("giam-sat/", include("supervision.urls")),
    path("trieu-tap-doi-thoai/", include("convening.urls")),
    path("cong-bo-ket-qua/", include("publishing.urls")),
    path("yeu-cau-doi-thoai/", include("convening.public_urls")),  # the People's view of requests (no login)
    path("", include("portal.urls")),
]
# Uploaded files are never served as public media: each has a view that checks who may read it.

# 400, 403 and 404 use Django's handlers with templates/400.html, 403.html, 404.html (403_csrf.html for CSRF).
handler500 = "common.errors.server_error"
