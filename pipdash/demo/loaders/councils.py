"""Load every English council (live and past) and Ofsted's ILACS history from fixtures/."""

import datetime as dt

from django.db import transaction
from django.utils.text import slugify

from pipdash.demo.loaders.fixtures import SUB_JUDGEMENT_AREAS, read_rows
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
    new = []
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
            new.append(Council(gss_code=row["gss_code"], **values))
        elif any(getattr(council, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(council, field, value)
            council.save()
    # One insert for a fresh database: the demo loads in every browser test.
    Council.objects.bulk_create(new)
    existing = {c.gss_code: c for c in Council.objects.filter(gss_code__in=[r["gss_code"] for r in rows])}
    links = Council.successors.through
    have = set(links.objects.values_list("from_council_id", "to_council_id"))
    wanted = [
        links(from_council_id=existing[row["gss_code"]].pk, to_council_id=existing[code].pk)
        for row in rows
        for code in row["successors"].split(";")
        if code and (existing[row["gss_code"]].pk, existing[code].pk) not in have
    ]
    links.objects.bulk_create(wanted)
    created = len(new)
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
    rows = read_rows("ofsted_judgements.csv")
    existing = {
        (j.council_id, j.framework, j.inspected_on): j
        for j in OfstedJudgement.objects.filter(framework__in={r["framework"] for r in rows})
    }
    new = []
    for row in rows:
        council = councils[row["gss_code"]]
        values = {
            "inspection_type": row["inspection_type"],
            "published_on": _date(row["published_on"]),
            "overall_effectiveness": row["overall_effectiveness"],
            "report_url": row["report_url"],
            "source_document": source,
        }
        key = (council.pk, row["framework"], _date(row["inspected_on"]))
        judgement = existing.get(key)
        if judgement is None:
            new.append(OfstedJudgement(council=council, framework=key[1], inspected_on=key[2], **values))
        elif any(getattr(judgement, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(judgement, field, value)
            judgement.save()
    OfstedJudgement.objects.bulk_create(new)
    judgements = {
        (j.council_id, j.framework, j.inspected_on): j
        for j in OfstedJudgement.objects.filter(framework__in={r["framework"] for r in rows})
    }
    grades = {(s.judgement_id, s.area): s for s in OfstedSubJudgement.objects.filter(judgement__in=judgements.values())}
    new_grades = []
    for row in rows:
        judgement = judgements[(councils[row["gss_code"]].pk, row["framework"], _date(row["inspected_on"]))]
        for key, area in SUB_JUDGEMENT_AREAS.items():
            if not row[key]:
                continue
            grade = grades.get((judgement.pk, area))
            if grade is None:
                new_grades.append(OfstedSubJudgement(judgement=judgement, area=area, grade=row[key]))
            elif grade.grade != row[key]:
                grade.grade = row[key]
                grade.save(update_fields=["grade"])
    OfstedSubJudgement.objects.bulk_create(new_grades)
    return {"ofsted_judgements_created": len(new)}
