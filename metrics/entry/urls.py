from django.urls import path

from metrics.entry import views as views

urlpatterns = [
    path("councils/<str:gss_code>/projects/<slug:slug>/figures/add/", views.reading_add, name="reading-add"),
    path("councils/<str:gss_code>/projects/<slug:slug>/figures/", views.project_readings, name="project-readings"),
    path("councils/<str:gss_code>/projects/<slug:slug>/metrics/add/", views.metric_add, name="metric-add"),
    path(
        "councils/<str:gss_code>/figures/awaiting-approval/",
        views.readings_awaiting_approval,
        name="readings-awaiting-approval",
    ),
    path("councils/<str:gss_code>/figures/<int:pk>/", views.reading_detail, name="reading-detail"),
    path("councils/<str:gss_code>/figures/<int:pk>/edit/", views.reading_edit, name="reading-edit"),
    path("councils/<str:gss_code>/figures/<int:pk>/submit/", views.reading_submit, name="reading-submit"),
    path("councils/<str:gss_code>/figures/<int:pk>/approve/", views.reading_approve, name="reading-approve"),
    path("councils/<str:gss_code>/figures/<int:pk>/return/", views.reading_return, name="reading-return"),
]
