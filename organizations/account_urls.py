"""Account security pages under /tai-khoan/ (namespace "accounts")."""

from django.urls import path

from . import accounts, security_log

app_name = "accounts"
urlpatterns = [
    path("xac-thuc/", accounts.verify, name="verify"),
    path("bao-mat/", accounts.security, name="security"),
    path("nhat-ky/", security_log.log_list, name="log"),
    path("nhat-ky/tai-ve.<str:kind>", security_log.log_export, name="log_export"),
    path("bi-khoa/", security_log.locked_list, name="locked"),
    path("bi-khoa/mo-khoa/", security_log.unlock, name="unlock"),
]
