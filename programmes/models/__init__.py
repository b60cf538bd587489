from programmes.models.councils import ComparisonGroup, Council, OfstedJudgement, OfstedSubJudgement, Region
from programmes.models.documents import CommitteeMeeting, SourceDocument
from programmes.models.programmes import Funding, ImprovementPartnership, Participation, Programme
from programmes.models.roles import Membership, Role

__all__ = [
    "CommitteeMeeting",
    "ComparisonGroup",
    "Council",
    "Funding",
    "ImprovementPartnership",
    "Membership",
    "OfstedJudgement",
    "OfstedSubJudgement",
    "Participation",
    "Programme",
    "Region",
    "Role",
    "SourceDocument",
]
