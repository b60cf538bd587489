"""Bad paper fixtures stop the load with one clear error (and, being one transaction, load nothing)."""

import json

import pytest

from pipdash.demo.loaders.papers import PaperDataError, load_papers
from programmes.models import SourceDocument


def test_a_paper_naming_a_council_not_loaded_stops_with_a_clear_error(db, tmp_path):
    paper = {
        "format": "pipdash-paper/1",
        "document": {"key": "x", "title": "X", "kind": "minutes", "council": "E10000019", "published_on": "2020-01-01"},
    }
    (tmp_path / "x.json").write_text(json.dumps(paper), encoding="utf-8")

    with pytest.raises(PaperDataError, match="E10000019 is not loaded"):
        load_papers(tmp_path)
    assert not SourceDocument.objects.exists()


def test_a_file_in_another_format_is_refused(db, tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"document": {}}), encoding="utf-8")

    with pytest.raises(PaperDataError, match="format"):
        load_papers(tmp_path)
