"""A user's role for a council. DfE advisers have no home council; admins are Django superusers."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    MANAGER = "manager", "Programme manager"
    APPROVER = "approver", "Approver"
    SCRUTINY = "scrutiny", "Scrutiny member"
    ADVISER = "adviser", "DfE adviser"


COUNCIL_ROLES = (Role.MANAGER, Role.APPROVER, Role.SCRUTINY)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    council = models.ForeignKey(
        "programmes.Council", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "council__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "council", "role"], name="one_membership_per_role"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(role="adviser"), name="one_adviser_role_per_user"
            ),
            models.CheckConstraint(
                condition=(models.Q(role="adviser") & models.Q(council__isnull=True))
                | (~models.Q(role="adviser") & models.Q(council__isnull=False)),
                name="council_roles_name_a_council",
            ),
        ]

    def __str__(self):
        where = f" for {self.council}" if self.council_id else ""
        return f"{self.user}: {self.get_role_display()}{where}"
