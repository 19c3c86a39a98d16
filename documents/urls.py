from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("so-dang-ky/", views.register, name="register"),
    path("tra-loi/<int:pk>/", views.petition_answer, name="petition_answer"),
    path("mau/", views.templates, name="templates"),
    path("mau/tai/", views.template_download, name="template_download"),
    path("tai/<int:pk>/", views.download, name="download"),
    path("tai/<int:pk>/pdf/", views.download_pdf, name="download_pdf"),
    path("doi-thoai/<int:pk>/", views.dialogue_documents, name="dialogue"),
    path("doi-thoai/<int:pk>/du-thao/<slug:kind>/", views.draft_download, name="draft"),
    path("doi-thoai/<int:pk>/ban-hanh/<slug:kind>/", views.issue_document, name="issue"),
    path("doi-thoai/<int:pk>/ho-so/", views.dossier_page, name="dossier"),
    path("doi-thoai/<int:pk>/ho-so.zip", views.dossier_zip, name="dossier_zip"),
    path("doi-thoai/<int:pk>/ho-so/tep/<int:file_id>/", views.dossier_file, name="dossier_file"),
]
