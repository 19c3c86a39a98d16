from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("mau-1.xlsx", views.mau1_download, name="mau1_xlsx"),
    path("gui/", views.submit_view, name="submit"),
    path("bang-dieu-khien/", views.dashboard_view, name="dashboard"),
    path("bang-dieu-khien.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
