from django.urls import path

from metrics.compare import views as compare_views

urlpatterns = [
    path("compare/", compare_views.compare, name="compare"),
    path("compare/groups/", compare_views.save_group, name="compare-save-group"),
    path("compare/partnerships/", compare_views.partnerships, name="partnerships"),
]
