from django.urls import path

from programmes import views

urlpatterns = [
    path("councils/<str:gss_code>/", views.council_detail, name="council-detail"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme-detail"),
]
