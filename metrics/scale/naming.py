"""How generated rows are recognised, so that `--replace` deletes them and nothing else."""

PREFIX = "scale-"
PROGRAMME_SLUG = f"{PREFIX}programme"
OFFICIAL_DOCUMENT_KEY = f"{PREFIX}official-statistics"
PERSON_EMAIL_DOMAIN = "scale.invalid"
