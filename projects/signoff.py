"""Sign-off for what a council publishes beyond figures: progress updates and milestones.

Like a figure, each goes draft -> submitted -> approved (or returned with a reason). The approved
copy is a snapshot: an edit to an approved item waits for approval while everyone outside the
council keeps reading the approved version. Risks are never published: they stay within the
council and DfE advisers.

`shown_to(access)` is the one answer to "what may this viewer see": every page, table and
download reads these records through it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.query import ModelIterable
from django.utils import timezone

from pipdash.web.model_copies import shallow_copy


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for approval"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class _ShownIterable(ModelIterable):
    """Each row as the viewer may see it: the working copy inside the council, else the approved copy."""

    def __iter__(self):
        for obj in super().__iter__():
            yield obj if getattr(obj, "shown_working_copy", False) else obj.as_published()


class SignedOffQuerySet(models.QuerySet):
    # How to reach the record's council from the record (set by each model's manager).
    council_path = "project__council_id"

    def shown_to(self, access):
        """What this viewer may see: the council's managers and approvers see every state, as it is
        now; everyone else sees only items approved at least once, and only their approved copy."""
        inside = access.draft_council_ids
        working = (
            Case(When(Q(**{f"{self.council_path}__in": inside}), then=Value(True)), default=Value(False))
            if inside
            else Value(False)
        )
        queryset = self.annotate(shown_working_copy=working, shown_council_id=F(self.council_path))
        if inside:
            queryset = queryset.filter(Q(published_at__isnull=False) | Q(**{f"{self.council_path}__in": inside}))
        else:
            queryset = queryset.filter(published_at__isnull=False)
        queryset._iterable_class = _ShownIterable
        return queryset

    def awaiting_approval(self, council_ids):
        return self.filter(status=Status.SUBMITTED, **{f"{self.council_path}__in": council_ids})


class SignedOff(models.Model):
    """The sign-off state and the approved snapshot. Subclasses name their snapshot in PUBLISHED:
    published column -> working column."""

    PUBLISHED: dict[str, str] = {}

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A record loaded as approved (a published committee paper) gets its snapshot at once.
        if self.status == Status.APPROVED and self.published_at is None:
            self.take_snapshot(timezone.now())
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *self.PUBLISHED, "published_at"}
        super().save(*args, **kwargs)

    def take_snapshot(self, when) -> None:
        for published, working in self.PUBLISHED.items():
            setattr(self, published, getattr(self, working))
        self.published_at = when

    def snapshot_changes(self, when) -> dict:
        changes = {published: getattr(self, working) for published, working in self.PUBLISHED.items()}
        changes["published_at"] = when
        return changes

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_pending_change(self) -> bool:
        return self.status != Status.APPROVED

    def as_published(self):
        """An unsaved copy showing only the approved snapshot (what readers outside the council see)."""
        shown = shallow_copy(self)
        if self.published_at is None:
            return shown
        for published, working in self.PUBLISHED.items():
            setattr(shown, working, getattr(self, published))
        shown.status = Status.APPROVED
        shown.returned_reason = ""
        return shown


class RiskQuerySet(models.QuerySet):
    def shown_to(self, access):
        """Risk logs: the council's own users (any role) and DfE advisers; nobody else."""
        if access.is_adviser:
            return self
        return self.filter(council_id__in=access.home_council_ids)
