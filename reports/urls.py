from django.urls import path

from . import mau2_views, views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("mau-1.xlsx", views.mau1_download, name="mau1_xlsx"),
    path("gui/", views.submit_view, name="submit"),
    path("bang-dieu-khien/", views.dashboard_view, name="dashboard"),
    path("bang-dieu-khien.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("sau-doi-thoai/<int:pk>/gui/", views.submit_after_dialogue_view, name="submit_after_dialogue"),
    path("mau-2/", mau2_views.mau2_page, name="mau2"),
    path("mau-2/luu/", mau2_views.mau2_save, name="mau2_save"),
    path("mau-2/du-thao.docx", mau2_views.mau2_draft, name="mau2_draft"),
    path("mau-2/ban-hanh/", mau2_views.mau2_issue, name="mau2_issue"),
]
