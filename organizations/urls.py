from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.unit_list, name="units"),
    path("nhap-du-lieu/", views.import_master_data, name="import"),
    path("nhap-du-lieu/mau/<slug:kind>.xlsx", views.import_template, name="import_template"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit"),
]
