from django.urls import path

from . import record_views, views

app_name = "dialogues"
urlpatterns = [
    path("", views.dialogue_list, name="list"),
    path("lich/", views.upcoming, name="upcoming"),
    path("moi/", views.create, name="create"),
    path("moi/lich-du-kien/", views.preview, name="preview"),
    path("viec-cua-toi/", views.my_tasks, name="my_tasks"),
    path("qua-han/", views.overdue, name="overdue"),
    path("theo-nam/", views.year_view, name="year"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/thanh-phan/", views.participants, name="participants"),
    path("<int:pk>/chu-tri/", record_views.hosts, name="hosts"),
    path("<int:pk>/luu-ho-so/", record_views.custodian, name="custodian"),
    path("<int:pk>/dua-tin/", record_views.media, name="media"),
    path("<int:pk>/viec/<int:duty_id>/", record_views.duty_file, name="duty_file"),
    path("<int:pk>/chuyen/<slug:action>/", views.transition, name="transition"),
    path("<int:pk>/buoc/<int:step_id>/<slug:action>/", views.step_action, name="step_action"),
]
