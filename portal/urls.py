from django.urls import path

from . import conclusion_views, public, staff, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("lich-doi-thoai/", public.schedule, name="schedule"),
    path("lich-doi-thoai/<int:pk>/", public.dialogue_page, name="dialogue"),
    path("lich-doi-thoai/<str:code>.ics", public.calendar_feed, name="calendar_feed"),
    path("gui-y-kien/", public.send_opinion, name="send"),
    path("gui-y-kien/bien-nhan/<str:code>/", public.receipt, name="receipt"),
    path("tra-cuu/", public.track, name="track"),
    path("tra-cuu/phan-hoi/", public.give_feedback, name="feedback"),
    path("ket-luan/", conclusion_views.conclusion_list, name="conclusions"),
    path("ket-luan/<int:pk>/", conclusion_views.conclusion_page, name="conclusion"),
    path("ket-luan/<int:pk>/ban-pdf/", conclusion_views.conclusion_pdf, name="conclusion_pdf"),
    path("tiep-nhan-truc-tuyen/", staff.web_intake, name="web_intake"),
    path("tiep-nhan-truc-tuyen/<int:pk>/tiep-nhan/", staff.accept, name="accept"),
    path("tiep-nhan-truc-tuyen/<int:pk>/khong-tiep-nhan/", staff.reject, name="reject"),
]
