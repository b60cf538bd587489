"""What the read API says of each record: the fields a page shows, keyed by the codes people use
(GSS codes for councils, slugs for programmes and measures)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from metrics.models import Benchmark, Metric, Reading
from programmes.models import Council, OfstedJudgement, Participation, Programme
from projects.models import Project


class CouncilSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name", read_only=True)
    region_code = serializers.CharField(source="region.gss_code", read_only=True)
    predecessors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="gss_code")
    successors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="gss_code")

    class Meta:
        model = Council
        fields = [
            "gss_code", "dfe_number", "name", "slug", "kind", "region", "region_code",
            "operational_from", "operational_to", "predecessors", "successors",
        ]  # fmt: skip


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["slug", "name", "kind", "funder", "description", "starts_on", "ends_on"]


class ParticipationSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    council = serializers.SlugRelatedField(read_only=True, slug_field="gss_code")

    class Meta:
        model = Participation
        fields = ["id", "programme", "council", "joined_on", "left_on", "status"]


class ProjectSerializer(serializers.ModelSerializer):
    council = serializers.SlugRelatedField(read_only=True, slug_field="gss_code")
    workstream = serializers.CharField(source="workstream.name", read_only=True)
    programme = serializers.CharField(source="workstream.programme.slug", read_only=True)

    class Meta:
        model = Project
        fields = ["id", "council", "programme", "workstream", "number", "name", "slug", "aim", "status"]


class MeasureSerializer(serializers.ModelSerializer):
    council = serializers.SlugRelatedField(read_only=True, slug_field="gss_code", allow_null=True)
    is_common = serializers.BooleanField(read_only=True)

    class Meta:
        model = Metric
        fields = [
            "slug", "name", "unit", "direction", "kind", "definition", "compared_with", "council", "project",
            "is_common",
        ]  # fmt: skip


class ReadingSerializer(serializers.Serializer):
    """A figure as this user sees it (a metrics.selectors.Figure): the approved snapshot, or for the
    council's own managers and approvers the figure being worked on, with its state."""

    id = serializers.IntegerField(source="reading.pk")
    measure = serializers.CharField(source="reading.metric.slug")
    council = serializers.SerializerMethodField()
    project = serializers.IntegerField(source="reading.project_id", allow_null=True)
    kind = serializers.ChoiceField(source="reading.kind", choices=Reading.Kind.choices)
    unit = serializers.CharField(source="reading.metric.unit")
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    qualifier = serializers.CharField(source="reading.qualifier")
    missing_reason = serializers.CharField(source="reading.missing_reason")
    display_value = serializers.CharField()
    period_start = serializers.DateField(source="reading.period_start", allow_null=True)
    period_end = serializers.DateField(source="reading.period_end")
    state = serializers.ChoiceField(source="status", choices=Reading.Status.choices)
    version = serializers.IntegerField(source="reading.version")

    @extend_schema_field(OpenApiTypes.STR)
    def get_council(self, figure) -> str:
        return self.context["council_codes"][figure.reading.council_id]


class BenchmarkSerializer(serializers.ModelSerializer):
    measure = serializers.SlugRelatedField(source="metric", read_only=True, slug_field="slug")
    region = serializers.SlugRelatedField(read_only=True, slug_field="gss_code", allow_null=True)
    group = serializers.SlugRelatedField(read_only=True, slug_field="slug", allow_null=True)

    class Meta:
        model = Benchmark
        fields = ["id", "measure", "area", "region", "group", "value", "missing_reason", "period_start", "period_end"]


class RagSerializer(serializers.Serializer):
    """One measure's red/amber/green status for a council, with the sentence that explains it."""

    measure = serializers.CharField(source="metric.slug")
    status = serializers.CharField(source="rag.status")
    word = serializers.CharField(source="rag.word")
    sentence = serializers.CharField(source="rag.sentence")
    stale = serializers.BooleanField(source="rag.stale")
    on = serializers.DateField(source="rag.on", allow_null=True)


class SubJudgementSerializer(serializers.Serializer):
    area = serializers.CharField()
    grade = serializers.CharField()


class OfstedJudgementSerializer(serializers.ModelSerializer):
    council = serializers.SlugRelatedField(read_only=True, slug_field="gss_code")
    sub_judgements = SubJudgementSerializer(many=True, read_only=True)

    class Meta:
        model = OfstedJudgement
        fields = [
            "id", "council", "framework", "inspection_type", "inspected_on", "published_on",
            "overall_effectiveness", "report_url", "sub_judgements",
        ]  # fmt: skip
