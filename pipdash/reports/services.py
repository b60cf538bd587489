"""Asking for a committee pack, building its files, and who may open it."""

from __future__ import annotations

import time

from django.utils import timezone

from pipdash.reports.models import ReportPack
from pipdash.reports.render import chart_images, pack_pdf
from pipdash.reports.selectors import PackDates, council_report_get
from pipdash.reports.word import pack_docx
from programmes.access import access_for


def produced_by(user) -> str:
    return user.get_full_name() or user.username


def pack_request(*, council, user, dates: PackDates) -> ReportPack:
    """Record the request and queue the build (tasks.build_pack); the pack page shows its progress."""
    from pipdash.reports.tasks import build_pack

    pack = ReportPack.objects.create(
        council=council,
        committee=dates.committee,
        meeting_on=dates.meeting_on,
        since=dates.since,
        as_at=dates.as_at,
        requested_by=user,
        includes_drafts=access_for(user).can_see_drafts(council),
    )
    result = build_pack.enqueue(pack.pk)
    ReportPack.objects.filter(pk=pack.pk, status=ReportPack.Status.PREPARING).update(task_id=str(result.id))
    pack.refresh_from_db()
    return pack


def pack_build(pack: ReportPack) -> None:
    """Build the pack as its requester sees the council, and keep its files."""
    started = time.monotonic()
    dates = PackDates(pack.committee, pack.meeting_on, pack.since, pack.as_at)
    report = council_report_get(
        council=pack.council,
        access=access_for(pack.requested_by),
        dates=dates,
        produced_by=produced_by(pack.requested_by),
    )
    report.printed_on = timezone.localdate(pack.requested_at)
    chart_images(report)
    pdf = pack_pdf(report)
    word = pack_docx(report)
    ReportPack.objects.filter(pk=pack.pk).update(
        status=ReportPack.Status.READY,
        pdf=pdf.data,
        docx=word,
        pages=pdf.pages,
        annex_starts=pdf.annex_starts,
        built_at=timezone.now(),
        build_seconds=round(time.monotonic() - started, 2),
    )


def can_open(pack: ReportPack, access) -> bool:
    """A pack with drafts only for the council's managers and approvers; any other for every reader."""
    return not pack.includes_drafts or access.can_see_drafts(pack.council_id)
