"""How generated rows are recognised, so that `--replace` deletes them and nothing else."""

PREFIX = "scale-"
PROGRAMME_SLUG = f"{PREFIX}programme"
OFFICIAL_DOCUMENT_KEY = f"{PREFIX}official-statistics"
PERSON_EMAIL_DOMAIN = "scale.invalid"


def tell_page_cache(*, council_ids=None) -> None:
    """Bulk writes send no signals, so the council page cache is told directly which councils changed
    (None: every council)."""
    from metrics.data_versions import measures_changed
    from programmes.data_versions import councils_changed

    councils_changed(council_ids=council_ids)
    measures_changed(metric_ids=None)
