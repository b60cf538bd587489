from django.urls import path

from pipdash.reports import views

urlpatterns = [
    path("councils/<str:gss_code>/report/", views.council_report, name="council-report"),
    path("programmes/<slug:slug>/report/", views.programme_report, name="programme-report"),
    path("packs/<int:pk>/", views.pack_detail, name="report-pack"),
    path("packs/<int:pk>/pack.<str:kind>", views.pack_file, name="report-pack-file"),
]
