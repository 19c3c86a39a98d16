from django.urls import path

from . import session_views, views

app_name = "conference"
urlpatterns = [
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/chuong-trinh/", views.programme_save, name="programme_save"),
    path("<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("<int:pk>/chu-tri/", views.chair, name="chair"),
    path("<int:pk>/chu-tri/truc-tiep/", views.chair_live, name="chair_live"),
    path("<int:pk>/nguoi-phat-bieu/<slug:action>/", views.speaker_action, name="speaker_action"),
    path("<int:pk>/man-hinh/", views.hall, name="hall"),
    path("man-hinh/<int:pk>/<str:token>/", views.hall_projector, name="projector"),
    path("<int:pk>/bien-ban/", views.minutes, name="minutes"),
    path("<int:pk>/bien-ban/tra-loi/", views.hall_answer, name="hall_answer"),
    path("<int:pk>/ket-qua/", views.outcomes, name="outcomes"),
    path("<int:pk>/thong-bao-ket-luan/", views.notice, name="notice"),
    path("<int:pk>/phien/", session_views.session_list, name="sessions"),
    path("<int:pk>/phien/<int:session_pk>/ghi-nhan/", session_views.session_record, name="session_record"),
    path("<int:pk>/phien/<int:session_pk>/bien-ban/", session_views.session_minutes, name="session_minutes"),
]
