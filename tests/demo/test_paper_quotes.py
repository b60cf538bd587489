"""Every quote in the paper fixtures is the paper's own words (checked against ../shared/seeds when present)."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from pipdash.demo.loaders.papers import PAPERS_DIR

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
FIXTURES = sorted(PAPERS_DIR.glob("*.json"))


def plain(text: str) -> str:
    """The words only: no markup, straight quote marks, and any run of spaces or line breaks as one space."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return re.sub(r"\s+", " ", text).strip()


def quotes(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote":
                yield value
            else:
                yield from quotes(value)
    elif isinstance(node, list):
        for value in node:
            yield from quotes(value)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the project")
@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.stem)
def test_every_quote_is_in_the_paper(path):
    paper = json.loads(path.read_text(encoding="utf-8"))
    seed = plain((SEEDS / paper["document"]["file_name"]).read_text(encoding="utf-8"))

    missing = [quote for quote in quotes(paper) if plain(quote) not in seed]

    assert missing == []
