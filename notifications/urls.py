from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/da-doc/", views.read, name="read"),
    path("da-doc-tat-ca/", views.read_all, name="read_all"),
    path("cai-dat/", views.preferences, name="preferences"),
    path("thu-da-gui/", views.mails, name="mails"),
    path("thu-da-gui/<str:name>/", views.mail_file, name="mail_file"),
]
