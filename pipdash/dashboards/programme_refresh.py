"""Every programme's stored per-council rows made for the day, ahead of the first reader (issue 20 point 4).

RAG and "overdue" depend on today, so every stored row (pipdash/dashboards/programme_rows.py) is out of date
at midnight, and the first reader of each overview would wait for all its councils to be judged (1.5 s at
national scale). Run `manage.py refresh_programme_rows` from cron just after midnight (or `--enqueue` it on
the task runner) and readers find them made: each programme's councils judged twice in all, as published (for
everyone) and with their drafts (for their own managers and approvers), whatever the number of councils.
A row already current is read, not remade, so running it again costs two reads a programme.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from pipdash.dashboards.programme_rows import programme_parts
from programmes.access import Access
from programmes.models import Participation, Programme, Role


def refresh_programme_rows(today: dt.date | None = None) -> int:
    """Make every programme's rows current for `today`, both variants; the number of programmes."""
    today = today or timezone.localdate()
    programmes = Programme.objects.filter(pk__in=Participation.objects.values("programme_id")).order_by("pk")
    done = 0
    for programme in programmes:
        council_ids = list(Participation.objects.filter(programme=programme).values_list("council_id", flat=True))
        # Nobody's access: each council as published. Then one that sees every council's drafts: each row with
        # drafts is made from its own council's drafts only (visibility is per council), so making them
        # together is making each as its own manager would, and only they are ever shown it.
        published = Access(user_id=None)
        with_drafts = Access(user_id=None, roles={council_id: {Role.MANAGER} for council_id in council_ids})
        for access in (published, with_drafts):
            programme_parts(programme=programme, access=access, today=today)
        done += 1
    return done


@task()
def refresh_programme_rows_task(*, today: str | None = None) -> int:
    return refresh_programme_rows(dt.date.fromisoformat(today) if today else None)
