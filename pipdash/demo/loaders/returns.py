"""A month of returns for Lincolnshire: its rule (15 working days after each month, locked 10 days
later), three monthly measures, and October 2026's figures (one approved, one submitted late, one
missing), so the task lists change as RETURNS_TODAY moves across 21 December 2026. Run again, it
changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from metrics.models import Metric, Reading, ReportingFrequency, ReportingRule
from programmes.models import Council

LINCOLNSHIRE = "E10000019"
MONTHLY = [
    "lincolnshire-social-work-vacancies",
    "lincolnshire-staff-turnover",
    "lincolnshire-nqsw-recruited",
]
OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
# measure -> (value, status, when it was sent in)
OCTOBER_FIGURES = {
    "lincolnshire-social-work-vacancies": (
        Decimal("31"),
        Reading.Status.APPROVED,
        dt.datetime(2026, 11, 13, 10, tzinfo=dt.UTC),
    ),
    "lincolnshire-staff-turnover": (
        Decimal("14.2"),
        Reading.Status.SUBMITTED,
        dt.datetime(2026, 11, 26, 10, tzinfo=dt.UTC),
    ),
}


def load_returns() -> dict[str, int]:
    council = Council.objects.filter(gss_code=LINCOLNSHIRE).first()
    if council is None:
        return {}
    _, rule_created = ReportingRule.objects.get_or_create(
        council=council,
        programme=None,
        defaults={"starts_on": dt.date(2026, 10, 1), "due_working_days": 15, "lock_after_days": 10},
    )
    scheduled = Metric.objects.filter(slug__in=MONTHLY).exclude(reporting_frequency=ReportingFrequency.MONTHLY)
    measures = scheduled.update(reporting_frequency=ReportingFrequency.MONTHLY)
    figures = 0
    for slug, (value, status, sent) in OCTOBER_FIGURES.items():
        metric = Metric.objects.filter(slug=slug).first()
        if metric is None or Reading.objects.filter(metric=metric, council=council, period_end=OCTOBER[1]).exists():
            continue
        reading = Reading(
            metric=metric,
            council=council,
            project=metric.project,
            kind=Reading.Kind.ACTUAL,
            unit=metric.unit,
            value=value,
            period_start=OCTOBER[0],
            period_end=OCTOBER[1],
            status=status,
            submitted_at=sent,
            source_location="Monthly return to the improvement board",
        )
        if status == Reading.Status.APPROVED:
            reading.approved_at = sent
            reading.take_snapshot(sent)
        reading.save()
        figures += 1
    return {"returns rules": int(rule_created), "returns measures scheduled": measures, "returns figures": figures}
