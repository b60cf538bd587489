"""The read API: every record the pages show, to whoever the pages show it to (metrics/visibility.py
and programmes/access.py decide; nothing here does). Each list costs a fixed number of queries
whatever its page size."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from metrics.models import Benchmark, Metric
from metrics.selectors import council_metric_summaries, figures_from
from metrics.visibility import visible_readings
from pipdash.api import filters, serializers
from pipdash.api.base import ApiViewMixin
from pipdash.api.pagination import ReadingCursorPagination
from programmes.models import Council, OfstedJudgement, Participation, Programme
from projects.models import Project


class ReadOnly(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """A list and a detail endpoint; filters from each view's filterset_class (settings.REST_FRAMEWORK)."""


class CouncilViewSet(ReadOnly):
    """Councils, live and replaced, each with the councils it replaced and those that replaced it."""

    queryset = Council.objects.select_related("region").prefetch_related("predecessors", "successors").order_by(
        "gss_code"
    )
    serializer_class = serializers.CouncilSerializer
    lookup_field = "gss_code"

    @extend_schema(
        responses=serializers.RagSerializer(many=True),
        parameters=[OpenApiParameter("project", int, description="Only this project's measures")],
    )
    @action(detail=True, pagination_class=None)
    def rag(self, request, gss_code=None):
        """Each measure's red/amber/green status for this council, with the sentence that explains it,
        from the figures this user may see (as on the council page)."""
        council = self.get_object()
        project = None
        if request.query_params.get("project", "").isdigit():
            project = get_object_or_404(Project, pk=request.query_params["project"], council=council)
        summaries, _ = council_metric_summaries(access=self.access, council=council, project=project)
        return Response(serializers.RagSerializer(summaries, many=True).data)


class ProgrammeViewSet(ReadOnly):
    queryset = Programme.objects.order_by("name", "pk")
    serializer_class = serializers.ProgrammeSerializer
    lookup_field = "slug"


class ParticipationViewSet(ReadOnly):
    queryset = Participation.objects.select_related("programme", "council").order_by("pk")
    serializer_class = serializers.ParticipationSerializer
    filterset_class = filters.ParticipationFilter


class ProjectViewSet(ReadOnly):
    queryset = Project.objects.select_related("council", "workstream__programme").order_by("pk")
    serializer_class = serializers.ProjectSerializer
    filterset_class = filters.ProjectFilter


class MeasureViewSet(ReadOnly):
    """Measures with their definitions: common ones (DfE's) and each council's own."""

    queryset = Metric.objects.select_related("council").order_by("slug")
    serializer_class = serializers.MeasureSerializer
    lookup_field = "slug"


class BenchmarkViewSet(ReadOnly):
    queryset = Benchmark.objects.select_related("metric", "region", "group").order_by("pk")
    serializer_class = serializers.BenchmarkSerializer
    filterset_class = filters.BenchmarkFilter


class OfstedJudgementViewSet(ReadOnly):
    queryset = OfstedJudgement.objects.select_related("council").prefetch_related("sub_judgements").order_by("pk")
    serializer_class = serializers.OfstedJudgementSerializer
    filterset_class = filters.OfstedFilter


class ReadingQueries:
    """Readings as this user may see them: the same selector the pages use."""

    filterset_class = filters.ReadingFilter
    serializer_class = serializers.ReadingSerializer
    pagination_class = ReadingCursorPagination

    def get_queryset(self):
        return visible_readings(access=self.access, councils=None).order_by("id")

    def figures(self, readings):
        """The page's readings as this user sees them, in the order given: two more queries (their
        measures and councils' codes), however many readings."""
        readings = list(readings)
        order = {reading.pk: n for n, reading in enumerate(readings)}
        shown = figures_from(readings, access=self.access, with_sources=False)
        shown.sort(key=lambda figure: order[figure.reading.pk])
        return shown

    def serializer_context_for(self, figures):
        ids = {figure.reading.council_id for figure in figures}
        codes = dict(Council.objects.filter(pk__in=ids).values_list("pk", "gss_code")) if ids else {}
        return {**self.get_serializer_context(), "council_codes": codes}

    def render(self, figures, many=False):
        context = self.serializer_context_for(figures)
        data = serializers.ReadingSerializer(figures if many else figures[0], many=many, context=context).data
        return data
