"""The compare pages chart official statistics: they share the official-statistics fixtures."""

from tests.official.conftest import all_councils, lincs_and_leeds  # noqa: F401
