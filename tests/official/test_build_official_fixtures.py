"""fixtures/official is what build_official_fixtures makes from the published files: rebuilding changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from pipdash.demo.loaders.official import OFFICIAL_DIR
from tests.official.conftest import SHARED_EES


@pytest.mark.skipif(not SHARED_EES.exists(), reason="needs ../shared/data")
def test_rebuilding_the_official_fixtures_gives_the_committed_files(tmp_path):
    out = StringIO()
    call_command("build_official_fixtures", "--shared", str(SHARED_EES.parents[1]), "--out", str(tmp_path), stdout=out)
    assert "Wrote 6 metrics" in out.getvalue()
    assert "940 / 941 North Northamptonshire / West Northamptonshire" in out.getvalue()
    for path in sorted(OFFICIAL_DIR.glob("*.csv")):
        assert (tmp_path / path.name).read_text() == path.read_text(), path.name
