from django.urls import path

from projects import views

urlpatterns = [
    path("councils/<str:gss_code>/projects/<slug:slug>/", views.project_detail, name="project-detail"),
]
