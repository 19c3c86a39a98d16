from django.urls import path

from . import views

app_name = "regulations"
urlpatterns = [
    path("", views.profile_list, name="list"),
    path("<slug:code>/", views.profile_detail, name="detail"),
]
