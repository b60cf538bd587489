"""Demo sign-ins, created only by `manage.py load_demo`. Every one has the password pipdash-demo."""

from django.contrib.auth import get_user_model
from django.db import transaction

from programmes.models import Council, Membership, Role

DEMO_PASSWORD = "pipdash-demo"  # noqa: S105 - published in the README; demo data only

# username: (full name, role, council GSS code or None)
DEMO_USERS = {
    "adviser": ("Dana Adviser (DfE)", Role.ADVISER, None),
    "lincs-manager": ("Lincolnshire programme manager", Role.MANAGER, "E10000019"),
    "lincs-approver": ("Lincolnshire approver", Role.APPROVER, "E10000019"),
    "lincs-scrutiny": ("Lincolnshire scrutiny member", Role.SCRUTINY, "E10000019"),
    "leeds-manager": ("Leeds programme manager", Role.MANAGER, "E08000035"),
    "lancs-manager": ("Lancashire programme manager", Role.MANAGER, "E10000017"),
    "leics-manager": ("Leicestershire programme manager", Role.MANAGER, "E10000018"),
}


@transaction.atomic
def create_demo_users() -> dict[str, int]:
    users = get_user_model()
    admin, _ = users.objects.get_or_create(username="admin", defaults={"first_name": "Demo", "last_name": "Admin"})
    admin.is_staff = admin.is_superuser = True
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    councils = {c.gss_code: c for c in Council.objects.filter(gss_code__in=[u[2] for u in DEMO_USERS.values() if u[2]])}
    for username, (full_name, role, gss_code) in DEMO_USERS.items():
        first, _, last = full_name.partition(" ")
        user, _ = users.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.get_or_create(user=user, council=councils.get(gss_code), role=role)
    return {"demo_users": len(DEMO_USERS) + 1}
