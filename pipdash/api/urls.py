"""/api/v1/ (the API), /api/schema/ (OpenAPI 3.1), /api/docs/ (its documentation page), /open-data/
(approved figures as CSV) and /account/api-tokens/ (personal tokens)."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from pipdash.api import base, docs, open_data, returns, token_views, views

router = SimpleRouter()
router.register("councils", views.CouncilViewSet)
router.register("programmes", views.ProgrammeViewSet)
router.register("participations", views.ParticipationViewSet)
router.register("projects", views.ProjectViewSet)
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("readings", returns.ReadingViewSet, basename="reading")
router.register("benchmarks", views.BenchmarkViewSet)
router.register("ofsted-judgements", views.OfstedJudgementViewSet, basename="ofsted-judgement")

urlpatterns = [
    path("api/v1/", include((router.urls, "api"), namespace="api")),
    # Any other address under /api/ is answered in JSON, as the API's own 404s are.
    re_path(r"^api/v1/", base.not_found),
    path("api/schema/", docs.SchemaView.as_view(), name="api-schema"),
    path("api/docs/", docs.DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("account/api-tokens/", token_views.tokens, name="api-tokens"),
    path("account/api-tokens/<int:pk>/revoke/", token_views.revoke, name="api-token-revoke"),
    path("open-data/", open_data.index, name="open-data"),
    path("open-data/<str:subject>/<str:key>/latest.csv", open_data.LatestCsv.as_view(), name="open-data-latest"),
    path("open-data/<str:subject>/<str:key>/meta.csv", open_data.MetaCsv.as_view(), name="open-data-meta"),
    path("open-data/<str:subject>/<str:key>/<str:day>.csv", open_data.DatedCsv.as_view(), name="open-data-dated"),
]
