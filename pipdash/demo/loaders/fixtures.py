"""Read and write the project's own fixture files (fixtures/*.csv).

The demo must run without ../shared, so what it needs lives in fixtures/ in this format;
`manage.py build_fixtures` writes these files from the published data.
"""

import csv
from pathlib import Path

from django.conf import settings

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"

COUNCIL_COLUMNS = [
    "gss_code",
    "dfe_number",
    "name",
    "region_code",
    "region_name",
    "kind",
    "operational_from",
    "operational_to",
    "successors",
]
OFSTED_COLUMNS = [
    "gss_code",
    "framework",
    "inspection_type",
    "inspected_on",
    "published_on",
    "overall_effectiveness",
    "leaders",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "report_url",
]
SUB_JUDGEMENT_AREAS = {
    "leaders": "The impact of leaders on social work practice with children and families",
    "help_and_protection": "The experiences and progress of children who need help and protection",
    "children_in_care": "The experiences and progress of children in care",
    "care_leavers": "The experiences and progress of care leavers",
}


def read_rows(name: str) -> list[dict]:
    with open(FIXTURES_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(name: str, columns: list[str], rows: list[dict]) -> Path:
    path = FIXTURES_DIR / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path
