"""Load what the five council papers state, from fixtures/papers/*.json (format: fixtures/papers/README.md).

Every row names the paper it came from. Rows are found by their natural keys and saved only when a
value differs, so a second run writes nothing: no duplicates and no new history rows. Councils must
already exist (load_councils); anything else in the database is left alone.
"""

from collections import Counter
from pathlib import Path

from django.db import transaction

from pipdash.demo.loaders.paper_figures import FigureSteps
from pipdash.demo.loaders.paper_files import (
    DAY,
    PAPERS_DIR,
    PaperDataError,
    dated_fields,
    parse_date,
    parse_decimal,
    read_papers,
)
from programmes.models import (
    Council,
    Funding,
    ImprovementPartnership,
    OfstedJudgement,
    OfstedSubJudgement,
    Participation,
    Programme,
    SourceDocument,
)
from projects.models import Lead, Milestone, Person, ProgressUpdate, Project, ProjectStatusChange, Risk, Workstream
from projects.signoff import Status as SignOff


def _check_fields(obj) -> None:
    """Field checks (choices, lengths, validators) in Python; unique and check constraints are the database's.

    Foreign keys are skipped: every related row was just fetched. full_clean's constraint checks cost a
    query each, which made the load several times slower for no extra safety inside one transaction.
    """
    relations = [field.name for field in obj._meta.fields if field.is_relation]
    obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


class _Loader(FigureSteps):
    def __init__(self):
        self.created = Counter()
        self._councils = {}

    def upsert(self, model, lookup: dict, values: dict):
        """Find by natural key; create, or save only the fields that differ."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            _check_fields(obj)
            obj.save()
            self.created[f"paper {model._meta.verbose_name_plural}"] += 1
            return obj
        changed = [field for field, value in values.items() if getattr(obj, field) != value]
        if changed:
            for field in changed:
                setattr(obj, field, values[field])
            _check_fields(obj)
            obj.save(update_fields=changed)
        return obj

    def council(self, gss_code: str) -> Council:
        if gss_code not in self._councils:
            try:
                self._councils[gss_code] = Council.objects.get(gss_code=gss_code)
            except Council.DoesNotExist:
                raise PaperDataError(f"Council {gss_code} is not loaded: run load_councils() first") from None
        return self._councils[gss_code]

    def programme(self, slug: str) -> Programme:
        return Programme.objects.get(slug=slug)

    def project(self, gss_code: str, slug: str) -> Project:
        try:
            return Project.objects.get(council=self.council(gss_code), slug=slug)
        except Project.DoesNotExist:
            raise PaperDataError(f"No project {slug!r} for council {gss_code}") from None

    def person(self, name: str, council: Council) -> Person:
        return self.upsert(Person, {"name": name, "council": council}, {})

    # Places, programmes and who takes part

    def document(self, paper: dict) -> SourceDocument:
        data = paper["document"]
        return self.upsert(
            SourceDocument,
            {"key": data["key"]},
            {
                "title": data["title"],
                "kind": data["kind"],
                "council": self.council(data["council"]) if data.get("council") else None,
                "body": data.get("body", ""),
                "publisher": data.get("publisher", ""),
                "published_on": parse_date(data["published_on"]),
                "published_precision": data.get("published_precision", DAY),
                "author": data.get("author", ""),
                "url": data.get("url", ""),
                "file_name": data.get("file_name", ""),
            },
        )

    def people(self, paper: dict) -> None:
        for item in paper.get("people", []):
            given = {field: item[field] for field in ("job_title", "email", "phone") if field in item}
            self.upsert(Person, {"name": item["name"], "council": self.council(item["council"])}, given)

    def programmes(self, paper: dict) -> None:
        for item in paper.get("programmes", []):
            values = {
                "name": item["name"],
                "kind": item["kind"],
                "funder": item.get("funder", ""),
                "description": item.get("description", ""),
                **dated_fields(item, "starts", "ends"),
                "owner": self.council(item["owner"]) if item.get("owner") else None,
            }
            self.upsert(Programme, {"slug": item["slug"]}, values)

    def participations(self, paper: dict, source: SourceDocument) -> None:
        for item in paper.get("participations", []):
            values = {
                **dated_fields(item, "joined", "left"),
                "status": item.get("status", Participation.Status.ACTIVE),
                "source_document": source,
                "source_quote": item.get("quote", ""),
            }
            lookup = {"programme": self.programme(item["programme"]), "council": self.council(item["council"])}
            self.upsert(Participation, lookup, values)

    def funding(self, paper: dict, source: SourceDocument) -> None:
        for item in paper.get("funding", []):
            council = self.council(item["council"])
            lookup = {
                "programme": self.programme(item["programme"]),
                "council": council,
                "source_document": source,
                "description": item["description"],
            }
            values = {
                "project": self.project(item["council"], item["project"]) if item.get("project") else None,
                "amount": parse_decimal(item["amount"]),
                "financial_year": item.get("financial_year", ""),
                **dated_fields(item, "received"),
                "is_approximate": item.get("is_approximate", False),
                "source_quote": item.get("quote", ""),
            }
            self.upsert(Funding, lookup, values)

    def partnerships(self, paper: dict, source: SourceDocument) -> None:
        for item in paper.get("partnerships", []):
            lookup = {
                "supporting": self.council(item["supporting"]),
                "supported": self.council(item["supported"]),
                "kind": item["kind"],
                "source_document": source,
            }
            values = {
                "programme": self.programme(item["programme"]) if item.get("programme") else None,
                **dated_fields(item, "starts", "ends"),
                "description": item.get("description", ""),
                "source_quote": item.get("quote", ""),
            }
            self.upsert(ImprovementPartnership, lookup, values)

    def ofsted(self, paper: dict, source: SourceDocument) -> None:
        """get_or_create on the inspection's key: a judgement already loaded (say from Ofsted's own data) wins."""
        for item in paper.get("ofsted", []):
            judgement, created = OfstedJudgement.objects.get_or_create(
                council=self.council(item["council"]),
                framework=item["framework"],
                inspected_on=parse_date(item["inspected_on"]),
                defaults={
                    "inspection_type": item.get("inspection_type", ""),
                    "inspected_precision": item.get("inspected_precision", DAY),
                    "published_on": parse_date(item.get("published_on")),
                    "overall_effectiveness": item.get("overall_effectiveness", ""),
                    "source_document": source,
                    "source_quote": item.get("quote", ""),
                },
            )
            self.created["paper ofsted judgements"] += created
            for sub in item.get("sub_judgements", []):
                _, created = OfstedSubJudgement.objects.get_or_create(
                    judgement=judgement, area=sub["area"], defaults={"grade": sub["grade"]}
                )
                self.created["paper ofsted sub-judgements"] += created

    # Workstreams, projects and what happened to them

    def workstreams(self, paper: dict) -> None:
        for item in paper.get("workstreams", []):
            lookup = {
                "council": self.council(item["council"]),
                "programme": self.programme(item["programme"]),
                "name": item["name"],
            }
            values = {
                "kind": item["kind"],
                "number": item.get("number"),
                "pillar": item.get("pillar", ""),
                "description": item.get("description", ""),
                "position": item.get("position", 0),
            }
            self.upsert(Workstream, lookup, values)

    def projects(self, paper: dict, source: SourceDocument) -> None:
        for item in paper.get("projects", []):
            council = self.council(item["council"])
            if "name" in item:
                workstream = Workstream.objects.get(
                    council=council, programme=self.programme(item["programme"]), name=item["workstream"]
                )
                values = {
                    "workstream": workstream,
                    "number": item.get("number"),
                    "name": item["name"],
                    "aim": item.get("aim", ""),
                    "source_document": source,
                }
                project = self.upsert(Project, {"council": council, "slug": item["slug"]}, values)
            else:  # a later paper's news about a project an earlier paper defined
                project = self.project(item["council"], item["slug"])
            self.project_details(project, item, source)

    def project_details(self, project: Project, item: dict, source: SourceDocument) -> None:
        for lead in item.get("leads", []):
            self.upsert(
                Lead,
                {"project": project, "person": self.person(lead["person"], project.council), "role": lead["role"]},
                {},
            )
        for change in item.get("status_changes", []):
            lookup = {"project": project, "status": change["status"], "changed_on": parse_date(change["changed_on"])}
            values = {
                "changed_precision": change.get("changed_precision", DAY),
                "note": change.get("note", ""),
                "source_document": source,
                "source_quote": change.get("quote", ""),
            }
            self.upsert(ProjectStatusChange, lookup, values)
        for milestone in item.get("milestones", []):
            lookup = {"project": project, "title": milestone["title"], "due_on": parse_date(milestone["due_on"])}
            values = {
                "due_precision": milestone.get("due_precision", DAY),
                "done_on": parse_date(milestone.get("done_on")),
                "source_document": source,
                "source_quote": milestone.get("quote", ""),
                # A committee paper is published: its milestones and updates are approved as they stand.
                "status": SignOff.APPROVED,
            }
            self.upsert(Milestone, lookup, values)
        for update in item.get("updates", []):
            lookup = {"project": project, "period_end": parse_date(update["period_end"]), "source_document": source}
            author = update.get("author")
            values = {
                "period_start": parse_date(update.get("period_start")),
                "summary": update["summary"],
                "author": self.person(author, project.council) if author else None,
                "status": SignOff.APPROVED,
            }
            self.upsert(ProgressUpdate, lookup, values)
        latest = project.status_changes.order_by("-changed_on").first()
        if latest is not None:
            self.upsert(Project, {"pk": project.pk}, {"status": latest.status, "status_changed_on": latest.changed_on})

    def risks(self, paper: dict, source: SourceDocument) -> None:
        for item in paper.get("risks", []):
            council = self.council(item["council"])
            lookup = {
                "council": council,
                "programme": self.programme(item["programme"]) if item.get("programme") else None,
                "project": self.project(item["council"], item["project"]) if item.get("project") else None,
                "description": item["description"],
                "source_document": source,
            }
            values = {
                "likelihood": item.get("likelihood"),
                "impact": item.get("impact"),
                "owner": item.get("owner", ""),
                "mitigation": item.get("mitigation", ""),
                "status": item.get("status", Risk.Status.OPEN),
            }
            self.upsert(Risk, lookup, values)


@transaction.atomic
def load_papers(directory: Path = PAPERS_DIR) -> dict[str, int]:
    """Load every paper in `directory`; return how many rows of each kind were created (none on a re-run)."""
    papers = read_papers(directory)
    loader = _Loader()
    sources = {}
    for paper in papers:  # what later sections refer to, from every paper, before any of them
        sources[paper["document"]["key"]] = loader.document(paper)
        loader.people(paper)
        loader.programmes(paper)
    steps = [
        loader.participations,
        lambda paper, _source: loader.workstreams(paper),
        loader.projects,
        loader.funding,
        loader.partnerships,
        loader.ofsted,
        loader.risks,
        loader.metrics,
    ]
    for step in steps:
        for paper in papers:
            step(paper, sources[paper["document"]["key"]])
    return dict(sorted(loader.created.items()))
