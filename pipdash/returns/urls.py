from django.urls import path

from pipdash.returns import bulk_views, exception_views, views

urlpatterns = [
    path("returns/approvals/", views.approvals, name="returns-approvals"),
    path("returns/approvals/confirm/", bulk_views.approve_selected, name="returns-approve-selected"),
    path("returns/submit/confirm/", bulk_views.submit_selected, name="returns-submit-selected"),
    path("returns/approvals/<str:kind>/<int:pk>/approve/", views.approve, name="returns-approve"),
    path("returns/approvals/<str:kind>/<int:pk>/return/", views.return_item, name="returns-return"),
    path("account/reminders/", views.reminder_settings, name="reminder-settings"),
    path("returns/exceptions/", exception_views.lock_exceptions, name="returns-exceptions"),
]
