from django.urls import path

from . import public

app_name = "convening_public"
urlpatterns = [
    path("", public.request_list, name="list"),
    path("<int:pk>/", public.request_page, name="detail"),
]
