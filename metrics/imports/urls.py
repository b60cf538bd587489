from django.urls import path, re_path

from metrics.imports import views as import_views

urlpatterns = [
    path("councils/<str:gss_code>/import/", import_views.import_upload, name="import-upload"),
    re_path(
        r"^councils/(?P<gss_code>[^/]+)/import/template\.(?P<file_format>csv|xlsx)$",
        import_views.import_template,
        name="import-template",
    ),
    path("councils/<str:gss_code>/import/<int:batch_id>/", import_views.import_preview, name="import-preview"),
    path("councils/<str:gss_code>/import/<int:batch_id>/confirm/", import_views.import_confirm, name="import-confirm"),
]
