"""Figures through the API: read them as the pages show them, and (a council's managers and approvers)
enter, change, submit, approve and return them through exactly the services the browser uses
(metrics/services.py: validation, quality checks, history, approval).

Every refusal is a JSON body naming the field at fault. A change needs `If-Match` with the figure's
ETag (its version), so two clients never overwrite each other, as the browser's forms do not.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from metrics import services
from metrics.exceptions import DuplicateReading, NeedsExplanation
from metrics.models import Metric, Reading
from metrics.units import Qualifier
from pipdash.api.base import ApiViewMixin
from pipdash.api.views import ReadingQueries
from pipdash.web.errors import EditConflict, NotAllowed, WrongState
from programmes.models import Council
from projects.models import Project


class ReadingInput(serializers.Serializer):
    """A figure as a manager (or their council's system) sends it."""

    council = serializers.SlugRelatedField(slug_field="gss_code", queryset=Council.objects.all())
    measure = serializers.SlugRelatedField(slug_field="slug", queryset=Metric.objects.all())
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all(), allow_null=True, required=False)
    kind = serializers.ChoiceField(choices=Reading.Kind.choices, default=Reading.Kind.ACTUAL)
    value = serializers.DecimalField(max_digits=20, decimal_places=4)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, default="", allow_blank=True)
    period_start = serializers.DateField(allow_null=True, required=False, default=None)
    period_end = serializers.DateField()
    source_note = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)
    explanation = serializers.CharField(allow_blank=True, required=False, default="")


class ReadingChange(serializers.Serializer):
    """A change to a figure: only the fields sent change; its council, measure and project stay."""

    kind = serializers.ChoiceField(choices=Reading.Kind.choices, required=False)
    value = serializers.DecimalField(max_digits=20, decimal_places=4, required=False)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices, allow_blank=True, required=False)
    period_start = serializers.DateField(allow_null=True, required=False)
    period_end = serializers.DateField(required=False)
    source_note = serializers.CharField(allow_blank=True, required=False, max_length=200)
    explanation = serializers.CharField(allow_blank=True, required=False)

    @staticmethod
    def as_it_stands(reading) -> dict:
        """The figure's fields as the change starts from, by the names the service takes."""
        return {
            "kind": reading.kind, "value": reading.value, "qualifier": reading.qualifier,
            "period_start": reading.period_start, "period_end": reading.period_end,
            "source_note": reading.source_location, "explanation": reading.explanation,
        }  # fmt: skip


class ReturnReason(serializers.Serializer):
    reason = serializers.CharField()


class Refusal(serializers.Serializer):
    detail = serializers.CharField(required=False)
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=True, description='The figure\'s ETag, e.g. "3"'
)
IF_MATCH_OPTIONAL = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description="The figure's ETag: refused if it changed since"
)
REFUSALS = {
    400: OpenApiResponse(Refusal, description="A field is wrong: `errors` says which and why"),
    403: OpenApiResponse(Refusal, description="Not this council's manager (or approver)"),
    404: OpenApiResponse(Refusal, description="No such figure that you may see"),
    409: OpenApiResponse(Refusal, description="A duplicate figure, or the figure's state does not allow this"),
    412: OpenApiResponse(Refusal, description="Someone changed the figure since your ETag"),
    428: OpenApiResponse(Refusal, description="A change sent without If-Match"),
}


STEP_RESPONSES = {200: ReadingQueries.serializer_class, **REFUSALS}


def _etag(reading) -> str:
    return f'"{reading.version}"'


def _if_match(request) -> int | None:
    header = request.headers.get("If-Match", "").strip()
    if header.startswith("W/"):
        header = header[2:]
    header = header.strip('"')
    return int(header) if header.isdigit() else None


def _refused(status_code, detail, errors=None, **extra):
    body = {"detail": detail, **({"errors": errors} if errors else {}), **extra}
    return Response(body, status=status_code)


@extend_schema_view(
    list=extend_schema(summary="Figures you may see, filtered; cursor-paginated by id"),
    retrieve=extend_schema(summary="One figure, with its version as ETag"),
)
class ReadingViewSet(
    ApiViewMixin, ReadingQueries, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    lookup_value_regex = "[0-9]+"

    def list(self, request, *args, **kwargs):
        readings = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(readings)
        return self.get_paginated_response(self.render(self.figures(page), many=True))

    def retrieve(self, request, *args, **kwargs):
        reading = self._visible(kwargs["pk"])
        response = Response(self.render(self.figures([reading])))
        response["ETag"] = _etag(reading)
        return response

    def _visible(self, pk) -> Reading:
        reading = self.get_queryset().filter(pk=pk).first() if str(pk).isdigit() else None
        if reading is None:
            raise NotFound("No figure with that id that you may see.")
        return reading

    def _own(self, pk) -> Reading:
        """A figure in every state, for its council's managers and approvers; 404 for anyone else."""
        reading = Reading.objects.select_related("metric", "council", "project").filter(pk=pk).first()
        if reading is None or not self.access.can_see_drafts(reading.council_id):
            if reading is not None and self.get_queryset().filter(pk=pk).exists():
                raise PermissionDenied("Only this council's managers and approvers change its figures.")
            raise NotFound("No figure with that id that you may change.")
        return reading

    def _saved(self, call, *, created=False):
        try:
            with transaction.atomic():
                reading = call()
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            return _refused(status.HTTP_400_BAD_REQUEST, "The figure was not saved.", errors)
        except NeedsExplanation as error:
            return _refused(
                status.HTTP_400_BAD_REQUEST, "This figure looks unusual: send an explanation of why it is right.",
                {"explanation": error.warnings},
            )  # fmt: skip
        except DuplicateReading as error:
            return _refused(
                status.HTTP_409_CONFLICT, "There is already a figure of this kind for this measure and period.",
                existing=error.existing.pk,
            )  # fmt: skip
        except WrongState as error:
            return _refused(status.HTTP_409_CONFLICT, str(error))
        except EditConflict as error:
            response = _refused(
                status.HTTP_412_PRECONDITION_FAILED, "Someone changed this figure since your ETag: read it again.",
                version=error.theirs.version,
            )  # fmt: skip
            response["ETag"] = _etag(error.theirs)
            return response
        except (NotAllowed, PermissionDenied) as error:
            return _refused(status.HTTP_403_FORBIDDEN, str(error) or "You may not do that.")
        reading.refresh_from_db()
        response = Response(
            self.render(self.figures([reading])), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )
        response["ETag"] = _etag(reading)
        return response

    def _check(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        if not serializer.is_valid():
            return None, _refused(status.HTTP_400_BAD_REQUEST, "The figure was not saved.", serializer.errors)
        return serializer.validated_data, None

    @extend_schema(request=ReadingInput, responses={201: ReadingQueries.serializer_class, **REFUSALS})
    def create(self, request):
        """Enter a figure as a draft, checked as the browser's form checks it."""
        data, refusal = self._check(ReadingInput)
        if refusal:
            return refusal
        data["metric"] = data.pop("measure")
        data.setdefault("project", None)
        return self._saved(lambda: services.reading_create(user=request.user, **data), created=True)

    @extend_schema(
        request=ReadingChange, parameters=[IF_MATCH], responses={200: ReadingQueries.serializer_class, **REFUSALS}
    )
    def update(self, request, pk=None):
        """Change a figure (it goes back to draft; readers keep its approved value meanwhile)."""
        reading = self._own(pk)
        expected = _if_match(request)
        if expected is None:
            return _refused(status.HTTP_428_PRECONDITION_REQUIRED, "Send If-Match with the figure's ETag, e.g. \"3\".")
        data, refusal = self._check(ReadingChange)
        if refusal:
            return refusal
        fields = {**ReadingChange.as_it_stands(reading), **data}
        return self._saved(
            lambda: services.reading_update(user=request.user, reading=reading, expected_version=expected, **fields)
        )

    @extend_schema(
        request=ReadingChange, parameters=[IF_MATCH], responses={200: ReadingQueries.serializer_class, **REFUSALS}
    )
    def partial_update(self, request, pk=None):
        """The same as PUT: only the fields sent change."""
        return self.update(request, pk)

    def _step(self, pk, service, **extra):
        """One workflow step on a figure through its service, checked against If-Match when sent."""
        reading = self._own(pk)
        expected = _if_match(self.request)
        return self._saved(lambda: service(user=self.request.user, reading=reading, expected_version=expected, **extra))

    @extend_schema(request=None, parameters=[IF_MATCH_OPTIONAL], responses=STEP_RESPONSES)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft (or a returned figure) to the council's approvers."""
        return self._step(pk, services.reading_submit)

    @extend_schema(request=None, parameters=[IF_MATCH_OPTIONAL], responses=STEP_RESPONSES)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """An approver (not whoever entered it) publishes a submitted figure."""
        return self._step(pk, services.reading_approve)

    @extend_schema(request=ReturnReason, parameters=[IF_MATCH_OPTIONAL], responses=STEP_RESPONSES)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def send_back(self, request, pk=None):
        """An approver returns a submitted figure to its manager with a reason."""
        reason = request.data.get("reason", "") if hasattr(request.data, "get") else ""
        return self._step(pk, services.reading_return, reason=reason)
