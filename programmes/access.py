"""Who may see and do what, per council (DOMAIN.md, "Who sees what").

Every signed-in user reads every council's approved figures, projects, milestones and updates.
Drafts, submitted and returned figures: that council's managers and approvers only.
Risk logs: that council's users (any role) and DfE advisers.
Editing: that council's programme managers only. Approving: its approvers, never their own entry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pipdash.web.errors import NotAllowed
from programmes.models import Council, Membership, Role

logger = logging.getLogger(__name__)

_CACHE_ATTR = "_pipdash_access"


@dataclass
class Access:
    user_id: int | None
    is_admin: bool = False
    is_adviser: bool = False
    roles: dict[int, set[str]] = field(default_factory=dict)

    def roles_for(self, council: Council | int) -> set[str]:
        council_id = council if isinstance(council, int) else council.pk
        return self.roles.get(council_id, set())

    def is_member(self, council) -> bool:
        return bool(self.roles_for(council))

    def manages(self, council) -> bool:
        return Role.MANAGER in self.roles_for(council)

    def approves(self, council) -> bool:
        return Role.APPROVER in self.roles_for(council)

    def can_see_drafts(self, council) -> bool:
        return self.manages(council) or self.approves(council)

    def can_see_risks(self, council) -> bool:
        return self.is_member(council) or self.is_adviser

    def can_edit(self, council) -> bool:
        return self.manages(council)

    @property
    def home_council_ids(self) -> list[int]:
        return sorted(self.roles)

    @property
    def draft_council_ids(self) -> list[int]:
        return [cid for cid, roles in self.roles.items() if roles & {Role.MANAGER, Role.APPROVER}]


def access_for(user) -> Access:
    """The user's roles, read once per request and kept on the user object."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False):
        access = Access(user_id=None)
    else:
        access = Access(user_id=user.pk, is_admin=user.is_superuser)
        for council_id, role in Membership.objects.filter(user=user).values_list("council_id", "role"):
            if role == Role.ADVISER:
                access.is_adviser = True
            else:
                access.roles.setdefault(council_id, set()).add(role)
    setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def require_editor(user, council) -> None:
    """Refuse (NotAllowed, a 403) anyone but this council's programme managers."""
    if not access_for(user).can_edit(council):
        logger.info("Refused: user %s may not edit council %s", getattr(user, "pk", None), council.pk)
        raise NotAllowed("Only this council's programme managers can change its data.")
