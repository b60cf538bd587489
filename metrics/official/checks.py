"""What the user said about the import (publication, release, measure), checked before anything is read or stored.

The command and the admin upload pass the same values to the service, so both get the same messages; SQLite
would otherwise store an over-long title whole and PostgreSQL refuse it, and an empty key would make a measure
named ':indicator'.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug

from metrics.models import Metric, OfficialRelease
from metrics.official.report import EESImportError, ImportReport
from programmes.models import SourceDocument


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _too_long(what: str, text: str, limit: int) -> str | None:
    return f"{what} is {len(text)} characters long; at most {limit}" if len(text) > limit else None


def check_options(publication, release, spec, report: ImportReport) -> None:
    """Raise EESImportError naming every problem with the options; nothing has been stored yet."""
    problems = []
    key_limit = _limit(OfficialRelease, "publication_key")
    if not publication.key:
        problems.append("Give the publication a short key, e.g. csww")
    else:
        try:
            validate_slug(publication.key)
        except ValidationError:
            problems.append(
                f"The publication key {publication.key!r} may hold only letters, numbers, hyphens and underscores"
            )
        problems.append(_too_long("The publication key", publication.key, key_limit))
    if not publication.title.strip():
        problems.append("Give the publication's title: every figure cites it")
    problems.append(_too_long("The publication's title", publication.title, _limit(SourceDocument, "title")))
    problems.append(_too_long("The publisher", publication.publisher, _limit(SourceDocument, "publisher")))
    if publication.url:
        try:
            URLValidator(schemes=["http", "https"])(publication.url)
        except ValidationError:
            problems.append(f"The publication's address {publication.url[:80]!r} is not a web address (https://...)")
        problems.append(_too_long("The publication's address", publication.url, _limit(SourceDocument, "url")))
    if release is not None and release.name:
        problems.append(_too_long("The release's name", release.name, _limit(OfficialRelease, "name")))
    if spec.name:
        problems.append(_too_long("The measure's name", spec.name, _limit(Metric, "name")))
    for problem in problems:
        if problem:
            report.error(problem)
    if report.errors:
        raise EESImportError(report)
