from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("", views.board, name="board"),
    path("hoi-nghi/<int:dialogue_pk>/", views.detail, name="detail"),
    path("hoi-nghi/<int:dialogue_pk>/tru-so/", views.headquarters, name="headquarters"),
    path("hoi-nghi/<int:dialogue_pk>/gui/", views.dispatch, name="dispatch"),
    path("hoi-nghi/<int:dialogue_pk>/nguoi-nhan/", views.recipient, name="recipient"),
]
