"""Turn DfE's and Ofsted's published files into the project's own fixtures.

Configuration, as data: how DfE's entity codes map to our council kinds, and which councils
replaced which where the DfE number alone does not say (mergers and splits).
"""

import csv
import datetime as dt
from pathlib import Path

from pipdash.demo.loaders.fixtures import COUNCIL_COLUMNS, OFSTED_COLUMNS, write_rows

KINDS = {"E06": "unitary", "E08": "metropolitan", "E09": "london", "E10": "county"}

# Successors that a shared DfE number does not reveal: reorganisations by statute.
REORGANISED = {
    "E10000001": ["E06000055", "E06000056"],  # Bedfordshire -> Bedford, Central Bedfordshire (2009)
    "E10000004": ["E06000049", "E06000050"],  # Cheshire -> Cheshire East, Cheshire West and Chester (2009)
    "E10000005": ["E06000052", "E06000053"],  # Cornwall and Isles of Scilly -> Cornwall, Isles of Scilly
    "E10000010": ["E06000047"],  # Durham -> County Durham
    "E10000022": ["E06000048"],  # Northumberland county -> Northumberland unitary (2009)
    "E10000026": ["E06000051"],  # Shropshire
    "E10000033": ["E06000054"],  # Wiltshire
    "E06000028": ["E06000058"],  # Bournemouth -> Bournemouth, Christchurch and Poole (2019)
    "E06000029": ["E06000058"],  # Poole -> Bournemouth, Christchurch and Poole
    "E10000009": ["E06000059"],  # Dorset county -> Dorset unitary (2019)
    "E10000002": ["E06000060"],  # Buckinghamshire county -> unitary (2020)
    "E10000021": ["E06000061", "E06000062"],  # Northamptonshire -> North and West Northamptonshire (2021)
    "E10000006": ["E06000063", "E06000064"],  # Cumbria -> Cumberland, Westmorland and Furness (2023)
    "E10000023": ["E06000065"],  # North Yorkshire county -> unitary (2023)
    "E10000027": ["E06000066"],  # Somerset county -> unitary (2023)
}

GRADES = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires_improvement",
    "Inadequate": "inadequate",
}


def _iso(uk: str) -> str:
    uk = (uk or "").strip()
    return dt.datetime.strptime(uk, "%d/%m/%Y").date().isoformat() if uk else ""


def build_councils(shared: Path) -> list[dict]:
    with open(shared / "data/lookups/las.csv", encoding="utf-8-sig", newline="") as handle:
        las = list(csv.DictReader(handle))
    with open(shared / "data/lookups/regions.csv", encoding="utf-8-sig", newline="") as handle:
        regions = {row["region_code"]: row["region_name"] for row in csv.DictReader(handle)}
    # Combined rows ("940 / 941") exist only for statistics; the British Forces row is not a council.
    singles = [r for r in las if "/" not in r["new_la_code"] and r["new_la_code"].startswith("E")]
    by_number: dict[str, list[dict]] = {}
    for row in singles:
        by_number.setdefault(row["old_la_code"], []).append(row)
    rows = []
    for row in singles:
        code = row["new_la_code"]
        successors = list(REORGANISED.get(code, []))
        if row["status"] == "terminated" and not successors:
            successors = [
                other["new_la_code"]
                for other in by_number.get(row["old_la_code"], [])
                if other is not row and other["status"] == "live"
            ]
        if row["status"] == "terminated" and not successors:
            raise ValueError(f"No successor known for {row['la_name']} ({code}): add it to REORGANISED")
        rows.append(
            {
                "gss_code": code,
                "dfe_number": row["old_la_code"] if row["old_la_code"].isdigit() else "",
                "name": row["la_name"].strip(),
                "region_code": row["parent_geography_code"],
                "region_name": regions[row["parent_geography_code"]],
                "kind": KINDS[row["entity_code"]],
                "operational_from": _iso(row["date_of_operation"]),
                "operational_to": _iso(row["date_of_termination"]),
                "successors": ";".join(successors),
            }
        )
    rows.sort(key=lambda r: r["gss_code"])
    return rows


def build_ofsted(shared: Path) -> list[dict]:
    rows: dict[tuple, dict] = {}
    sources = [
        ("data/ofsted/ilacs_inspection_history_2018_to_2025.csv", True),
        ("data/ofsted/ilacs_latest_judgements_2025-03-31.csv", False),
    ]
    for name, has_type in sources:
        with open(shared / name, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                key = (row["Local authority area code"], _iso(row["Inspection date"]))
                if key in rows:
                    continue
                rows[key] = {
                    "gss_code": key[0],
                    "framework": "ilacs",
                    "inspection_type": row.get("Inspection type", "") if has_type else "ILACS inspection",
                    "inspected_on": key[1],
                    "published_on": _iso(row["Publication date"]),
                    "overall_effectiveness": GRADES.get(row["Overall effectiveness"].strip(), ""),
                    "leaders": GRADES.get(row[_area("leaders")].strip(), ""),
                    "help_and_protection": GRADES.get(row[_area("help_and_protection")].strip(), ""),
                    "children_in_care": GRADES.get(row[_area("children_in_care")].strip(), ""),
                    "care_leavers": GRADES.get(row[_area("care_leavers")].strip(), ""),
                    "report_url": row["Web link"].strip(),
                }
    return sorted(rows.values(), key=lambda r: (r["gss_code"], r["inspected_on"]))


def _area(key: str) -> str:
    from pipdash.demo.loaders.fixtures import SUB_JUDGEMENT_AREAS

    return SUB_JUDGEMENT_AREAS[key]


def build_all(shared: Path) -> dict[str, int]:
    councils = build_councils(shared)
    write_rows("councils.csv", COUNCIL_COLUMNS, councils)
    ofsted = build_ofsted(shared)
    write_rows("ofsted_judgements.csv", OFSTED_COLUMNS, ofsted)
    return {"councils": len(councils), "ofsted_judgements": len(ofsted)}
