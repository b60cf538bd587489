from programmes.access import access_for


def service(request):
    """What the layout needs on every page: the service name and the user's roles."""
    user = getattr(request, "user", None)
    return {
        "service_name": "pipdash",
        "access": access_for(user) if user is not None else None,
    }
