from django.utils.functional import SimpleLazyObject

from pipdash.returns.selectors import approver_council_ids, awaiting_count
from programmes.access import access_for


def approvals(request):
    """The approval count in the navigation: counted (one query) only on pages shown to an approver."""
    user = getattr(request, "user", None)
    if user is None or not approver_council_ids(access_for(user)):
        return {"approvals_count": None}
    return {"approvals_count": SimpleLazyObject(lambda: awaiting_count(user))}
