"""Building a committee pack's PDF and Word files on the task runner (django-tasks, queue in the database).

Charts are drawn by a headless chromium and the PDF laid out by WeasyPrint: seconds of work, so never in a
request. The files are kept on the pack in the database, so any instance serves them.
"""

from __future__ import annotations

import logging
import time

from django_tasks import task

from pipdash.reports.models import ReportPack

logger = logging.getLogger(__name__)


@task()
def build_pack(pack_id: int) -> None:
    from pipdash.reports.services import pack_build  # the task module stays light for the runner

    pack = ReportPack.objects.select_related("council__region", "requested_by").filter(pk=pack_id).first()
    if pack is None or pack.status != ReportPack.Status.PREPARING:
        return
    started = time.monotonic()
    try:
        pack_build(pack)
    except Exception as problem:
        logger.exception("Committee pack %s failed", pack_id)
        ReportPack.objects.filter(pk=pack_id).update(status=ReportPack.Status.FAILED, problem=str(problem)[:2000])
        raise
    logger.info("Committee pack %s built in %.1f s", pack_id, time.monotonic() - started)
