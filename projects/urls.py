from django.urls import path

from projects import views

PROJECT = "councils/<str:gss_code>/projects/<slug:slug>/"

urlpatterns = [
    path(PROJECT + "milestones/add/", views.milestone_add, name="milestone-add"),
    path(PROJECT + "milestones/<int:pk>/edit/", views.milestone_edit, name="milestone-edit"),
    path(PROJECT + "milestones/<int:pk>/done/", views.milestone_done, name="milestone-done"),
    path(PROJECT + "milestones/<int:pk>/submit/", views.milestone_submit, name="milestone-submit"),
    path(PROJECT + "updates/<int:pk>/submit/", views.progress_update_submit, name="progress-update-submit"),
    path(PROJECT + "updates/add/", views.progress_update_add, name="progress-update-add"),
    path(PROJECT + "updates/<int:pk>/edit/", views.progress_update_edit, name="progress-update-edit"),
    path(PROJECT + "risks/add/", views.risk_add, name="risk-add"),
    path(PROJECT + "risks/<int:pk>/edit/", views.risk_edit, name="risk-edit"),
]
