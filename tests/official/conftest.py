"""Fixtures for official statistics and the compare pages that chart them: small EES files, real councils."""

from pathlib import Path

import pytest

from metrics.official.importer import MetricSpec, Publication, ees_file_import
from metrics.official.periods import PeriodRule

DATA = Path(__file__).parent / "data"
SHARED_EES = Path(__file__).resolve().parents[3] / "shared" / "data" / "ees"
WORKFORCE = Publication(key="csww", title="Children's social work workforce")
SEPT_30 = PeriodRule.parse(as_at="09-30")


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def import_small(indicator="turnover_rate_fte", file="workforce_small.csv", meta=True, **kwargs):
    kwargs.setdefault("rule", SEPT_30)
    kwargs.setdefault("publication", WORKFORCE)
    meta_bytes = data(file.replace(".csv", ".meta.csv")) if meta else None
    return ees_file_import(data=data(file), meta=meta_bytes, file_name=file, indicator=indicator, **kwargs)


@pytest.fixture
def lincs_and_leeds(council, other_council):
    return council, other_council


@pytest.fixture
def all_councils(db):
    """Every council from the project's fixtures, as the demo loads them."""
    from pipdash.demo.loaders.councils import load_councils

    load_councils()


__all__ = ["DATA", "SEPT_30", "SHARED_EES", "WORKFORCE", "MetricSpec", "data", "import_small"]
