from django.urls import path

from metrics import views

urlpatterns = [
    path("councils/<str:gss_code>/figures.csv", views.figures_csv, name="figures-csv"),
    path("councils/<str:gss_code>/charts/<slug:metric_slug>.csv", views.chart_csv, name="chart-csv"),
    path("councils/<str:gss_code>/charts/<slug:metric_slug>/", views.chart_data, name="chart-data"),
]
