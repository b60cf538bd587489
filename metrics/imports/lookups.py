"""Finding the project and metric a row names, among the council's own, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F, Q

from metrics.models import Metric
from projects.models import Project

# When a name is not the council's, one query looks for it among other councils' to say so.
MAX_NAMES_LOOKED_UP_ELSEWHERE = 200


def _key(text) -> str:
    return " ".join(str(text).split()).casefold()


def project_label(project: Project) -> str:
    """How the template writes a project, and the first name a row may use for it."""
    return str(project)


def importable_metrics(*, council):
    """The metrics a council's managers import figures for: the council's own, with their projects."""
    # Council-wide metrics first, then by project as the papers number them; the same on every database.
    return (
        Metric.objects.filter(council=council)
        .select_related("project")
        .order_by(F("project__number").asc(nulls_first=True), "project__name", "name")
    )


def importable_projects(*, council):
    return Project.objects.filter(council=council).order_by(F("number").asc(nulls_last=True), "name")


class Lookups:
    """The council's projects and metrics by every name a row may give them."""

    def __init__(self, *, council):
        self.council = council
        self.projects = list(importable_projects(council=council))
        self.metrics = list(importable_metrics(council=council))
        self._projects = defaultdict(set)
        for project in self.projects:
            for name in (project_label(project), project.name, project.slug, project.number):
                if name not in (None, ""):
                    self._projects[_key(name)].add(project)
        self._metrics = defaultdict(set)
        for metric in self.metrics:
            for name in (metric.name, metric.slug):
                self._metrics[_key(name)].add(metric)
        self._elsewhere_projects: set[str] = set()
        self._elsewhere_metrics: set[str] = set()

    def note_unknown(self, *, project_names, metric_names) -> None:
        """Look up, once, which unknown names belong to other councils, for a clearer message."""
        project_names = sorted({_key(n) for n in project_names})[:MAX_NAMES_LOOKED_UP_ELSEWHERE]
        metric_names = sorted({_key(n) for n in metric_names})[:MAX_NAMES_LOOKED_UP_ELSEWHERE]
        if project_names:
            query = Q()
            for name in project_names:
                query |= Q(name__iexact=name) | Q(slug__iexact=name)
            found = Project.objects.filter(query).exclude(council=self.council).values_list("name", "slug")
            self._elsewhere_projects = {_key(n) for pair in found for n in pair}
        if metric_names:
            query = Q()
            for name in metric_names:
                query |= Q(name__iexact=name) | Q(slug__iexact=name)
            found = Metric.objects.filter(query).exclude(council=self.council).values_list("name", "slug", "council")
            self._elsewhere_metrics = {_key(n): council_id for name, slug, council_id in found for n in (name, slug)}

    def project(self, name) -> Project:
        """The project a row names; raise LookupError with the reason."""
        matches = self._projects.get(_key(name), set())
        if len(matches) == 1:
            return next(iter(matches))
        if matches:
            raise LookupError(f"more than one project is called ‘{name}’; use the name listed in the template")
        if _key(name) in self._elsewhere_projects:
            raise LookupError(f"‘{name}’ is another council's project; you can import only {self.council.name}'s")
        raise LookupError(f"{self.council.name} has no project called ‘{name}’; use a name listed in the template")

    def metric(self, name, project: Project | None) -> Metric:
        """The metric a row names, told apart by project when two projects use the same name."""
        matches = self._metrics.get(_key(name), set())
        if project is not None and len(matches) > 1:
            of_project = {m for m in matches if m.project_id == project.pk}
            council_wide = {m for m in matches if m.project_id is None}
            if not (of_project or council_wide):
                raise LookupError(f"‘{name}’ is not a metric of project ‘{project}’")
            matches = of_project or council_wide
        if len(matches) == 1:
            metric = next(iter(matches))
            if project is not None and metric.project_id not in (None, project.pk):
                raise LookupError(f"‘{metric.name}’ is a metric of project ‘{metric.project}’, not of ‘{project}’")
            return metric
        if matches:
            raise LookupError(f"more than one metric is called ‘{name}’; fill in the project column to say which")
        if _key(name) in self._elsewhere_metrics:
            if self._elsewhere_metrics[_key(name)] is None:
                raise LookupError(
                    f"‘{name}’ is a common measure whose figures come from official statistics; "
                    f"you can import only {self.council.name}'s own metrics"
                )
            raise LookupError(f"‘{name}’ is another council's metric; you can import only {self.council.name}'s")
        raise LookupError(f"{self.council.name} has no metric called ‘{name}’; use a name listed in the template")

    def knows_project(self, name) -> bool:
        return _key(name) in self._projects

    def knows_metric(self, name) -> bool:
        return _key(name) in self._metrics
