from django.urls import path
from django.views.generic import RedirectView

from . import access_log, export, views

app_name = "petitions"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("xuat-excel/", export.export, name="export"),
    path("tiep-nhan/", views.intake, name="intake"),
    path("phieu-mau-4/", views.sheet, name="sheet"),
    path("nhap-tep/", views.import_file, name="import"),
    path("nhap-tep/mau.xlsx", views.import_template, name="import_template"),
    path("nhap-tep/<str:token>/", views.import_batch, name="import_batch"),
    path("hop-thu/", views.inbox, name="inbox"),
    path("qua-han/", views.overdue, name="overdue"),
    path("tong-hop/", views.compilation, name="compilation"),
    # Tracking moved to the public portal (/tra-cuu/); old links and bookmarks keep working.
    path("tra-cuu/", RedirectView.as_view(url="/tra-cuu/", permanent=True, query_string=True), name="track"),
    path("nhat-ky-du-lieu-ca-nhan/", access_log.access_log, name="access_log"),
    path("vu-viec/<int:pk>/", views.case_detail, name="case"),
    path("vu-viec/<int:pk>/tep/<int:attachment_id>/", views.attachment, name="attachment"),
    path("vu-viec/<int:pk>/phan-loai/", views.classify, name="classify"),
    path("vu-viec/<int:pk>/gop/", views.group, name="group"),
    path("vu-viec/<int:pk>/giao/", views.assign, name="assign"),
    path("vu-viec/<int:pk>/tra-loi/", views.answer, name="answer"),
    path("vu-viec/<int:pk>/duyet/", views.approve, name="approve"),
    path("vu-viec/<int:pk>/tra-lai/", views.return_answer, name="return_answer"),
    path("vu-viec/<int:pk>/bao-tin/<int:petition_id>/", views.tell, name="tell"),
]
