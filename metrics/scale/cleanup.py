"""Delete exactly what the generator wrote, recognised by the `scale-` prefix; demo data is untouched."""

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from metrics.models import Benchmark, Metric, Reading
from metrics.scale.naming import PERSON_EMAIL_DOMAIN, PREFIX, PROGRAMME_SLUG, tell_page_cache
from programmes.models import Funding, Participation, Programme, SourceDocument
from projects.models import Lead, Milestone, Person, ProgressUpdate, Project, ProjectStatusChange, Risk, Workstream


def _steps():
    """(label, queryset) in an order that never leaves a row pointing at a deleted one."""
    projects = Project.objects.filter(workstream__programme__slug=PROGRAMME_SLUG)
    metrics = Metric.objects.filter(slug__startswith=PREFIX)
    return [
        ("readings", Reading.objects.filter(Q(metric__in=metrics) | Q(project__in=projects))),
        ("benchmarks", Benchmark.objects.filter(metric__in=metrics)),
        ("metrics", metrics),
        ("leads", Lead.objects.filter(project__in=projects)),
        ("milestones", Milestone.objects.filter(project__in=projects)),
        ("progress updates", ProgressUpdate.objects.filter(project__in=projects)),
        ("risks", Risk.objects.filter(Q(project__in=projects) | Q(programme__slug=PROGRAMME_SLUG))),
        ("status changes", ProjectStatusChange.objects.filter(project__in=projects)),
        ("projects", projects),
        ("workstreams", Workstream.objects.filter(programme__slug=PROGRAMME_SLUG)),
        ("funding", Funding.objects.filter(programme__slug=PROGRAMME_SLUG)),
        ("participations", Participation.objects.filter(programme__slug=PROGRAMME_SLUG)),
        # The programme overview's stored rows (pipdash.dashboards, a layer above this one: looked up by name).
        (
            "stored overview rows",
            apps.get_model("dashboards", "ProgrammeCouncilRow").objects.filter(programme__slug=PROGRAMME_SLUG),
        ),
        ("programmes", Programme.objects.filter(slug=PROGRAMME_SLUG)),
        ("people", Person.objects.filter(email__endswith=f"@{PERSON_EMAIL_DOMAIN}")),
        ("source documents", SourceDocument.objects.filter(key__startswith=PREFIX)),
    ]


def scale_data_delete() -> dict[str, int]:
    """Delete the generated rows; return how many of each went."""
    counts = {}
    with transaction.atomic():
        for label, queryset in _steps():
            # QuerySet.delete() would load every row to send delete signals (simple-history writes a
            # history row per deleted reading): over a million objects in memory. _raw_delete is the
            # single DELETE ... WHERE that Django itself issues when no signals are connected.
            counts[label] = queryset._raw_delete(queryset.db)
    tell_page_cache(council_ids=None)  # generated benchmarks (England, regions) touched every council
    return counts
