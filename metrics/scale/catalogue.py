"""What the synthetic metrics look like: one archetype per kind of measure a council reports.

Each archetype says how its monthly series behaves (`shape`) and the range its starting
level is drawn from. The generator cycles through them so every unit, direction and kind
of measure appears at any size, with the real-world mix of counts, rates and money.
"""

from dataclasses import dataclass

from metrics.units import Direction, MeasureKind, Unit


@dataclass(frozen=True)
class Archetype:
    name: str
    unit: str
    direction: str
    kind: str
    shape: str  # cumulative | count | level | change | money (see metrics/scale/series.py)
    low: float  # range of a council's starting level
    high: float
    places: int = 1  # decimal places the figure is reported to
    compared_with: str = ""

    @property
    def as_at(self) -> bool:
        """A running total or a rate is a figure as at a date; a count or a spend covers a period."""
        return self.kind not in (MeasureKind.PERIOD_COUNT, MeasureKind.MONEY)

    @property
    def has_target(self) -> bool:
        return self.direction != Direction.NEITHER and self.kind != MeasureKind.CHANGE


ARCHETYPES = [
    Archetype("Staff trained in {topic}", Unit.COUNT, Direction.HIGHER, MeasureKind.CUMULATIVE, "cumulative", 0, 40, 0),
    Archetype(
        "Assessments completed ({topic})", Unit.COUNT, Direction.HIGHER, MeasureKind.PERIOD_COUNT, "count", 20, 400, 0
    ),
    Archetype("Social worker turnover ({topic})", Unit.PERCENT, Direction.LOWER, MeasureKind.RATE, "level", 8, 30),
    Archetype(
        "Children looked after ({topic})", Unit.RATE_PER_10K, Direction.NEITHER, MeasureKind.RATE, "level", 35, 110
    ),
    Archetype(
        "Days from referral to assessment ({topic})", Unit.DAYS, Direction.LOWER, MeasureKind.RATE, "level", 15, 45
    ),
    Archetype(
        "Re-referrals within 12 months ({topic})", Unit.PERCENT, Direction.LOWER, MeasureKind.RATE, "level", 12, 30
    ),
    Archetype(
        "Change in children in need ({topic})",
        Unit.PERCENT_CHANGE,
        Direction.LOWER,
        MeasureKind.CHANGE,
        "change",
        -30,
        10,
        compared_with="the 2016 baseline",
    ),
    Archetype("Agency spend ({topic})", Unit.GBP, Direction.LOWER, MeasureKind.MONEY, "money", 20000, 300000, 2),
    Archetype("Average caseload ({topic})", Unit.NUMBER, Direction.LOWER, MeasureKind.RATE, "level", 12, 26),
    Archetype(
        "Families supported by {topic}", Unit.COUNT, Direction.HIGHER, MeasureKind.CUMULATIVE, "cumulative", 0, 60, 0
    ),
    Archetype(
        "Contacts received ({topic})", Unit.COUNT, Direction.NEITHER, MeasureKind.PERIOD_COUNT, "count", 200, 2500, 0
    ),
    Archetype(
        "Care leavers in education, employment or training ({topic})",
        Unit.PERCENT,
        Direction.HIGHER,
        MeasureKind.RATE,
        "level",
        40,
        70,
    ),
    Archetype(
        "Gap to statistical neighbours ({topic})",
        Unit.PERCENTAGE_POINTS,
        Direction.LOWER,
        MeasureKind.CHANGE,
        "change",
        -8,
        8,
        compared_with="statistical neighbours",
    ),
    Archetype("Agency social workers ({topic})", Unit.PERCENT, Direction.LOWER, MeasureKind.RATE, "level", 5, 35),
    Archetype(
        "Foster carers recruited ({topic})",
        Unit.COUNT,
        Direction.HIGHER,
        MeasureKind.CUMULATIVE,
        "cumulative",
        0,
        20,
        0,
    ),
]

TOPICS = [
    "restorative practice",
    "Signs of Safety",
    "family group conferencing",
    "the edge of care team",
    "early help",
    "the front door",
    "adolescent services",
    "fostering",
    "leaving care",
    "disabled children",
    "the practice academy",
    "Mockingbird",
    "No Wrong Door",
    "domestic abuse",
    "the MASH",
]

WORKSTREAMS = [
    ("People and leadership", "people_leadership"),
    ("Practice and systems", "practice_systems"),
    ("Governance and accountability", "governance_accountability"),
]

PROJECT_NAMES = [
    "Practice model roll-out",
    "Edge of care service",
    "Workforce academy",
    "Front door redesign",
    "Placement sufficiency",
    "Care leavers' hub",
    "Partnership with schools",
    "Quality assurance framework",
    "Early help locality teams",
    "Fostering recruitment drive",
    "Adolescent safeguarding",
    "Data and insight",
]

MILESTONE_TITLES = [
    "Project board agreed",
    "Staff consulted",
    "Training commissioned",
    "First cohort trained",
    "Pilot team live",
    "Evaluation commissioned",
    "Roll-out to all teams",
    "Evaluation reported",
]

UPDATE_SENTENCES = [
    "Training continued on schedule this quarter.",
    "Recruitment to the new team is complete.",
    "Sickness absence slowed progress; a recovery plan is in place.",
    "Feedback from families has been positive.",
    "The evaluation partner has started fieldwork.",
    "Two further teams adopted the model.",
    "Spend is within budget.",
    "A dip in performance followed the IT system change and has recovered.",
]

RISK_TEXTS = [
    "Staff leave before training ends",
    "Agency costs rise faster than planned",
    "Partners withdraw from the pilot",
    "The evaluation reports too late to inform budgets",
    "Demand at the front door exceeds capacity",
]
