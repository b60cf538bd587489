"""Bump a council's data version whenever a saved or deleted row changes what its pages show.

Bulk writes (bulk_create, QuerySet.update) send no signals: the importers and loaders call
`programmes.data_versions.councils_changed` themselves.
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from metrics.data_versions import measures_changed
from metrics.models import SNAPSHOT_FIELDS, Benchmark, Metric, Reading, ReportingRule
from pipdash.web.page_cache import note_write
from pipdash.web.response_cache import BACKGROUNDS, bump_generations
from programmes.data_versions import councils_changed
from programmes.models import (
    CommitteeMeeting,
    ComparisonGroup,
    Council,
    Funding,
    ImprovementPartnership,
    OfstedJudgement,
    OfstedSubJudgement,
    Participation,
    Programme,
    Region,
    SourceDocument,
)
from projects.models import Lead, Milestone, Person, ProgressUpdate, Project, ProjectStatusChange, Risk, Workstream

EVERY_COUNCIL = None


def _councils_of(instance):
    """The councils whose pages show this row; EVERY_COUNCIL for shared, official data."""
    if isinstance(instance, ImprovementPartnership):
        return [instance.supporting_id, instance.supported_id]
    if isinstance(instance, (Lead, Milestone, ProgressUpdate, ProjectStatusChange)):
        return [Project.objects.filter(pk=instance.project_id).values_list("council_id", flat=True).first()]
    if isinstance(instance, OfstedSubJudgement):
        return [OfstedJudgement.objects.filter(pk=instance.judgement_id).values_list("council_id", flat=True).first()]
    if isinstance(instance, Benchmark):
        return EVERY_COUNCIL
    if isinstance(instance, ReportingRule):  # a programme's rule sets its councils' due dates (the home page's)
        return [instance.council_id] if instance.council_id else EVERY_COUNCIL
    if isinstance(instance, (Metric, SourceDocument, Person, ComparisonGroup, Programme)):
        return [instance.council_id] if getattr(instance, "council_id", None) else EVERY_COUNCIL
    return [instance.council_id]


def _councils_citing(document) -> set:
    """The councils whose background cites a source filed under another (a partnership is on both councils'
    pages): a few small queries, on a source's edit only, which is rare (a new one is cited by nothing yet, and
    a cited one cannot be deleted)."""
    cited = ImprovementPartnership.objects.filter(source_document=document).values_list("supporting_id", "supported_id")
    found = {pk for pair in cited for pk in pair}
    for model in (Funding, Participation, OfstedJudgement):
        found.update(model.objects.filter(source_document=document).values_list("council_id", flat=True))
    return found


WATCHED = (
    Reading,
    Metric,
    Benchmark,
    Project,
    Workstream,
    Lead,
    Milestone,
    ProgressUpdate,
    ProjectStatusChange,
    Risk,
    Funding,
    Participation,
    Programme,
    ImprovementPartnership,
    OfstedJudgement,
    OfstedSubJudgement,
    SourceDocument,
    Person,
    ReportingRule,
    CommitteeMeeting,  # the default "changes since" date is the previous meeting's
)

# The rows the council page's background sections show (pipdash/dashboards/council_background.py): programmes
# taken part in, funding (naming its programme, project and source), Ofsted judgements with their grades and
# partnerships (with their programme and source). Only a write of one of these moves the councils' background
# versions; every other watched write (a figure, a milestone, a risk: the common ones) leaves the stored
# backgrounds current.
BACKGROUND = (
    Funding,
    Participation,
    Programme,
    ImprovementPartnership,
    OfstedJudgement,
    OfstedSubJudgement,
    SourceDocument,
    Project,
)


@receiver(post_save, sender=Council)
def council_changed(sender, instance, created=False, raw=False, **kwargs):
    """A council's own name, codes or dates are on its pages and on every page that lists it: its partners'
    pages and programme rows, and every measure's compare results."""
    if not raw and not created:
        partners = ImprovementPartnership.objects.filter(Q(supporting=instance) | Q(supported=instance))
        partner_ids = {pk for pair in partners.values_list("supporting_id", "supported_id") for pk in pair}
        councils_changed(council_ids=[instance.pk, *partner_ids])
        measures_changed(metric_ids=None)


@receiver(post_save, sender=Region)
def region_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        councils_changed(council_ids=list(instance.councils.values_list("pk", flat=True)))
        measures_changed(metric_ids=None)


@receiver(post_save, sender=Project)
def project_created(sender, instance, created=False, raw=False, **kwargs):
    """A new project leaves every council's background as it was (_changes_background), but the home page's
    councils list counts it (pipdash/views.py, keyed on the number of projects too): the whole pages showing
    that list move on with BACKGROUNDS, now and after the commit as councils_changed moves generations."""
    if created and not raw:
        bump_generations([BACKGROUNDS])
        transaction.on_commit(lambda: bump_generations([BACKGROUNDS]))


# What everyone outside the council sees of a figure, a milestone or a progress update: its approved copy
# (metrics/visibility.py, projects/signoff.py), and where it is filed.
PUBLISHED_FIELDS = {
    Reading: ("metric_id", "council_id", "project_id", "published_at", *SNAPSHOT_FIELDS),
    Milestone: ("project_id", "published_at", *Milestone.PUBLISHED),
    ProgressUpdate: ("project_id", "published_at", *ProgressUpdate.PUBLISHED),
}


def _changes_background(sender, *, created: bool) -> bool:
    """A new source, project or programme is named by no background row yet (a spreadsheet import files its
    own source, every time); a changed or deleted one may be (a deletion nulls its references with no signal)."""
    if sender in (SourceDocument, Project, Programme) and created:
        return False
    return sender in BACKGROUND


def _published_state(instance) -> tuple:
    return tuple(getattr(instance, name) for name in PUBLISHED_FIELDS[type(instance)])


@receiver(pre_save, sender=Reading)
@receiver(pre_save, sender=Milestone)
@receiver(pre_save, sender=ProgressUpdate)
def remember_published_state(sender, instance, raw=False, **kwargs):
    """The approved copy as stored, before this save: whether the save changes what everyone sees. One query
    per save, which is rare beside reads."""
    if raw or instance._state.adding or instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list(*PUBLISHED_FIELDS[sender]).first()
    instance._published_before = tuple(stored) if stored is not None else None


def _changes_what_everyone_sees(instance, *, deleted: bool) -> bool:
    """False only for a record whose approved copy this write leaves as it was: a draft, submitted or returned
    figure or milestone changed, or one never approved created or deleted (only the council's own see those)."""
    if type(instance) not in PUBLISHED_FIELDS:
        return True
    if deleted or not hasattr(instance, "_published_before"):
        return instance.published_at is not None or getattr(instance, "_published_before", None) is not None
    return instance.__dict__.pop("_published_before") != _published_state(instance)


@receiver(post_save)
@receiver(post_delete)
def pages_changed(sender, instance, raw=False, **kwargs):
    if raw or sender not in WATCHED:
        return
    deleted = kwargs.get("signal") is post_delete
    published = _changes_what_everyone_sees(instance, deleted=deleted)
    councils = _councils_of(instance)
    if sender is SourceDocument and councils is not EVERY_COUNCIL and not deleted and not kwargs.get("created"):
        councils = [*councils, *_councils_citing(instance)]
    councils_changed(
        council_ids=None if councils is EVERY_COUNCIL else [c for c in councils if c],
        published=published,
        background=_changes_background(sender, created=kwargs.get("created", False)),
    )
    # The compare page shows approved figures only: a draft leaves every measure's compare results as they were.
    if isinstance(instance, (Reading, Metric, Benchmark)) and published:
        _measures_of_changed(instance, deleted=deleted)
    note_write(getattr(getattr(HistoricalRecords.context, "request", None), "user", None))


def _measures_of_changed(instance, *, deleted: bool) -> None:
    """Only this measure's compare results change; a council's own approved figure (or own measure) may be
    shown as "own figures" on an official measure's compare page, so that moves every common measure on."""
    metric_id = instance.pk if isinstance(instance, Metric) else instance.metric_id
    measures_changed(metric_ids=[metric_id])
    if isinstance(instance, Benchmark):
        return
    published = isinstance(instance, Metric) or deleted or instance.status == Reading.Status.APPROVED
    own = instance.council_id if isinstance(instance, Metric) else None
    if own is None and published and not isinstance(instance, Metric):
        own = Metric.objects.filter(pk=metric_id).values_list("council_id", flat=True).first()
    if published and own:
        measures_changed(metric_ids=None)
