from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/moi/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan"),
    path("ket-qua/", views.findings_list, name="findings"),
    path("ket-qua/<int:pk>/tra-loi/", views.finding_reply, name="finding_reply"),
    path("kien-nghi-cap-tren/", views.escalations_list, name="escalations"),
    path("kien-nghi-cap-tren/<int:pk>/tra-loi/", views.escalation_reply, name="escalation_reply"),
    path("kien-nghi-cap-tren/<int:pk>/van-ban/", views.letter_file, name="letter_file"),
    path("chi-dao/", views.directions_list, name="directions"),
    path("chi-dao/<int:pk>/ket-qua/", views.direction_done, name="direction_done"),
    path("doi-thoai/<int:pk>/du-bao/", views.forecast, name="forecast"),
    path("du-bao/<int:pk>/tep/", views.forecast_file, name="forecast_file"),
    path("<slug:kind>/<int:pk>/ket-qua/", views.add_finding, name="finding"),
    path("<slug:kind>/<int:pk>/kien-nghi/", views.escalate, name="escalate"),
    path("<slug:kind>/<int:pk>/chi-dao/", views.direct, name="direct"),
]
