"""The papers' fixture files (fixtures/papers/*.json): reading them and the values in them."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from pipdash.demo.loaders.fixtures import FIXTURES_DIR

PAPERS_DIR = FIXTURES_DIR / "papers"
FORMAT = "pipdash-paper/1"
DAY = "day"


class PaperDataError(Exception):
    """A paper's fixture refers to something that does not exist, or is not in our format."""


def parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def parse_decimal(text: str | None) -> Decimal | None:
    return Decimal(str(text)) if text not in (None, "") else None


def dated_fields(item: dict, *names: str) -> dict:
    """{"joined_on": date, "joined_precision": "year"} from an entry's own keys, for each name given."""
    values = {}
    for name in names:
        values[f"{name}_on"] = parse_date(item.get(f"{name}_on"))
        values[f"{name}_precision"] = item.get(f"{name}_precision", DAY)
    return values


def read_papers(directory: Path = PAPERS_DIR) -> list[dict]:
    """Every paper's fixture, oldest first, so a later paper's news (a project closed) lands last."""
    papers = []
    for path in sorted(directory.glob("*.json")):
        paper = json.loads(path.read_text(encoding="utf-8"))
        if paper.get("format") != FORMAT:
            raise PaperDataError(f"{path.name} is not in the {FORMAT} format")
        papers.append(paper)
    return sorted(papers, key=lambda p: (p["document"]["published_on"], p["document"]["key"]))
