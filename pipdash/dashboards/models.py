"""The programme overview's per-council rows, stored (issue 20 point 4: pre-aggregated RAG and counts).

Judging every council's measures for a 153-council overview costs most of a second; a stored row holds one
council's figures for the overview (its row: projects by status and RAG, funding, partnerships, overdue
milestones) and its part of the summary (counts, the off-track and milestone lines, written), so a cold
overview reads 153 rows in one query. Each council has two: without its drafts (what everyone sees) and
with them (its own managers and approvers). A row is good only for the council's version it was made
from (`data_version` with drafts, `published_version` without: programmes/data_versions.py), the day it
was judged on (RAG and "overdue" depend on today) and the code that made it (`RECIPE`); any other is
remade from the live data before it is shown (pipdash/dashboards/programme_rows.py).
"""

from __future__ import annotations

from django.db import models


class ProgrammeCouncilRow(models.Model):
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey("programmes.Council", on_delete=models.CASCADE, related_name="+")
    # With the council's drafts (for its own managers and approvers) or as published (for everyone else).
    with_drafts = models.BooleanField()
    version = models.PositiveIntegerField(help_text="The council's data version (with drafts) or published version.")
    judged_on = models.DateField(help_text="The day its RAGs and overdue milestones were judged for.")
    recipe = models.PositiveSmallIntegerField(help_text="Which code made it: a changed recipe remakes every row.")
    row = models.JSONField(help_text="The overview table's figures for the council.")
    part = models.JSONField(help_text="The council's part of the overview's summary.")
    made_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "council", "with_drafts"], name="programme_council_row_once")
        ]

    def __str__(self) -> str:
        drafts = "with drafts" if self.with_drafts else "published"
        return f"{self.programme_id}/{self.council_id} ({drafts}, v{self.version}, {self.judged_on})"


class CouncilBackground(models.Model):
    """The council page's background sections (programmes, funding, Ofsted judgements with their grades,
    partnerships), stored per council (issue 20 point 4): a figure's save, the common write, leaves them as
    they were, yet every cold build read them again in four queries. Read with the council itself, so a
    current row costs no query. Good only under its `key`: the background version of every council of the
    council's series (a predecessor's Ofsted history is on the page), the recipe and Django's version; any
    other is remade from the live data (pipdash/dashboards/council_background.py)."""

    council = models.OneToOneField("programmes.Council", on_delete=models.CASCADE, related_name="stored_background")
    key = models.CharField(max_length=200, help_text="What it was made from: a different key remakes it.")
    payload = models.BinaryField(help_text="The four lists of model instances, pickled.")
    made_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.council_id} ({self.key})"
