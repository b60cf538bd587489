"""Readings made from rows without Model.__init__ (issue 20 point 4), for pages that read hundreds at a time.

Model.from_db builds each instance through Model.__init__, which walks every field of the model for each row:
for a council's key measures' ten years of monthly figures, or a project's 786, that cost more than the query.
`readings_from_rows` makes each as from_db makes one from `.only(*FIELDS)`: those fields set, the rest
deferred (read from the database if ever asked for), in saved state. Skipping __init__ skips the pre_init
and post_init signals, so this holds only while nothing listens for them on Reading
(tests/pages/test_project_page_speed.py checks both, and that the objects equal from_db's).
"""

from __future__ import annotations

from django.db.models.base import ModelState

from metrics.models import Reading
from metrics.visibility import READING_FIELDS

# READING_FIELDS once each (it names published_value twice: as a field a page reads and in the snapshot).
FIELDS = tuple(dict.fromkeys(READING_FIELDS))


def readings_from_rows(rows, *, db: str) -> list[Reading]:
    """Reading objects from rows of FIELDS (values_list(*FIELDS)), in their order."""
    names = FIELDS
    new, new_state = Reading.__new__, ModelState.__new__
    readings = []
    for row in rows:
        reading = new(Reading)
        fields = reading.__dict__
        fields.update(zip(names, row, strict=True))
        # The state written into the instance's dict with the fields, not set as an attribute after them:
        # a fifth of this loop's time at 786 rows (ModelState() and ModelState.__new__ make the same object).
        fields["_state"] = state = new_state(ModelState)
        state.adding, state.db = False, db
        readings.append(reading)
    return readings
