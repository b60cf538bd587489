#!/usr/bin/env python
"""Django's command-line utility for pipdash."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pipdash.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load settings now so a bad one fails here, in one line
    except ImproperlyConfigured as exc:
        sys.exit(f"pipdash cannot start: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
