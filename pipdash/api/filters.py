"""Query-string filters of the list endpoints. Figures are filtered by what the user is shown of them
(metrics.visibility.filter_as_seen): a reader's "kind=target" means the approved snapshot's kind."""

import django_filters

from metrics.models import Benchmark, Reading
from metrics.visibility import filter_as_seen
from programmes.access import access_for
from programmes.models import OfstedJudgement, Participation
from projects.models import Project


class ReadingFilter(django_filters.FilterSet):
    council = django_filters.CharFilter(field_name="council__gss_code", help_text="GSS code, e.g. E10000019")
    measure = django_filters.CharFilter(field_name="metric__slug", help_text="A measure's slug")
    project = django_filters.NumberFilter(field_name="project_id", help_text="A project's id")
    kind = django_filters.ChoiceFilter(choices=Reading.Kind.choices, method="as_seen")
    state = django_filters.ChoiceFilter(choices=Reading.Status.choices, method="as_seen")
    period_from = django_filters.DateFilter(method="as_seen", help_text="Periods ending on or after (YYYY-MM-DD)")
    period_to = django_filters.DateFilter(method="as_seen", help_text="Periods ending on or before (YYYY-MM-DD)")

    class Meta:
        model = Reading
        fields = []

    def as_seen(self, queryset, name, value):
        keyword = {"state": "status"}.get(name, name)
        return filter_as_seen(queryset, access=access_for(self.request.user), **{keyword: value})


class BenchmarkFilter(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="metric__slug")
    area = django_filters.ChoiceFilter(choices=Benchmark.Area.choices)

    class Meta:
        model = Benchmark
        fields = []


class ByCouncil(django_filters.FilterSet):
    council = django_filters.CharFilter(field_name="council__gss_code", help_text="GSS code")


class ParticipationFilter(ByCouncil):
    programme = django_filters.CharFilter(field_name="programme__slug")

    class Meta:
        model = Participation
        fields = []


class ProjectFilter(ByCouncil):
    programme = django_filters.CharFilter(field_name="workstream__programme__slug")

    class Meta:
        model = Project
        fields = []


class OfstedFilter(ByCouncil):
    class Meta:
        model = OfstedJudgement
        fields = []
