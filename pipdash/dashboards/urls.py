from django.urls import path

from pipdash.dashboards import chart_views, council_views, history_views, project_views

COUNCIL = "councils/<str:gss_code>/"
PROJECT = COUNCIL + "projects/<slug:slug>/"

urlpatterns = [
    path(COUNCIL, council_views.council_detail, name="council-detail"),
    path("programmes/<slug:slug>/", council_views.programme_detail, name="programme-detail"),
    path(PROJECT, project_views.project_detail, name="project-detail"),
    path(PROJECT + "history/", history_views.project_history_view, name="project-history"),
    path(COUNCIL + "figures.csv", chart_views.figures_csv, name="figures-csv"),
    path(COUNCIL + "charts/<slug:metric_slug>.csv", chart_views.chart_csv, name="chart-csv"),
    path(COUNCIL + "charts/<slug:metric_slug>/", chart_views.chart_data, name="chart-data"),
]
