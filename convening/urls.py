from django.urls import path

from . import planning, views

app_name = "convening"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("cu-tri/", views.voters, name="voters"),
    path("moi/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/chu-ky/", views.add_signatures, name="add_signatures"),
    path("<int:pk>/chu-ky/<int:list_id>/tai-ve/", views.download, name="download"),
    path("<int:pk>/giao/", views.assign, name="assign"),
    path("<int:pk>/hoi-nghi/", views.link, name="link"),
    path("<int:pk>/lap-ke-hoach/", planning.plan, name="plan"),
    path("<int:pk>/da-bao/", views.told, name="told"),
    path("<int:pk>/ket-thuc/<slug:decision>/", views.close, name="close"),
]
