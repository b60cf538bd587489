"""Load every English council (live and past) and Ofsted's ILACS history from fixtures/."""

import datetime as dt

from django.db import transaction
from django.utils.text import slugify

from programmes.demo.fixtures import SUB_JUDGEMENT_AREAS, read_rows
from programmes.models import Council, OfstedJudgement, OfstedSubJudgement, Region, SourceDocument

ENGLAND = ("E92000001", "England")
OFSTED_SOURCE_KEY = "ofsted-ilacs-outcomes-2018-2025"


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@transaction.atomic
def load_councils() -> dict[str, int]:
    """Create or update councils by GSS code; never touches councils not in the fixture."""
    rows = read_rows("councils.csv")
    regions = {}
    for code, name in {(r["region_code"], r["region_name"]) for r in rows} | {ENGLAND}:
        regions[code], _ = Region.objects.update_or_create(gss_code=code, defaults={"name": name})
    existing = {c.gss_code: c for c in Council.objects.filter(gss_code__in=[r["gss_code"] for r in rows])}
    created = 0
    for row in rows:
        values = {
            "dfe_number": row["dfe_number"],
            "name": row["name"],
            "slug": slugify(row["name"]),
            "region": regions[row["region_code"]],
            "kind": row["kind"],
            "operational_from": _date(row["operational_from"]),
            "operational_to": _date(row["operational_to"]),
        }
        council = existing.get(row["gss_code"])
        if council is None:
            existing[row["gss_code"]] = Council.objects.create(gss_code=row["gss_code"], **values)
            created += 1
        elif any(getattr(council, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(council, field, value)
            council.save()
    for row in rows:
        successors = [existing[code] for code in row["successors"].split(";") if code]
        if successors:
            existing[row["gss_code"]].successors.set(successors)
    return {"councils": len(rows), "councils_created": created, "regions": len(regions)}


@transaction.atomic
def load_ofsted() -> dict[str, int]:
    """Every ILACS judgement 2018 to 2025, each attached to the council that existed when inspected."""
    source, _ = SourceDocument.objects.update_or_create(
        key=OFSTED_SOURCE_KEY,
        defaults={
            "title": "Ofsted: inspections of local authority children's services (ILACS) outcomes, 2018 to 2025",
            "kind": SourceDocument.Kind.INSPECTION_REPORT,
            "publisher": "Ofsted",
            "published_on": dt.date(2025, 3, 31),
            "url": "https://www.gov.uk/government/statistical-data-sets/childrens-social-care-data-in-england",
        },
    )
    councils = {c.gss_code: c for c in Council.objects.all()}
    created = 0
    for row in read_rows("ofsted_judgements.csv"):
        council = councils[row["gss_code"]]
        judgement, was_created = OfstedJudgement.objects.update_or_create(
            council=council,
            framework=row["framework"],
            inspected_on=_date(row["inspected_on"]),
            defaults={
                "inspection_type": row["inspection_type"],
                "published_on": _date(row["published_on"]),
                "overall_effectiveness": row["overall_effectiveness"],
                "report_url": row["report_url"],
                "source_document": source,
            },
        )
        created += was_created
        for key, area in SUB_JUDGEMENT_AREAS.items():
            if row[key]:
                OfstedSubJudgement.objects.update_or_create(
                    judgement=judgement, area=area, defaults={"grade": row[key]}
                )
    return {"ofsted_judgements_created": created}
