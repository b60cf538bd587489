"""Figures entered in the browser kept the manager's "where this figure comes from" in `note`, shown
as a Note; it is the figure's source (issue 13 rule 6), so it moves to `source_location`, in the
readings, their approved snapshots and their history (which metrics/provenance.py reads back)."""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Length

SOURCE_MAX_LENGTH = 200  # Reading.source_location


def move_note_to_source(apps, schema_editor):
    for name in ("Reading", "HistoricalReading"):
        model = apps.get_model("metrics", name)
        # Only figures with no document: a paper's or an import's note is a note.
        entered = model.objects.filter(source_document__isnull=True, source_location="").annotate(
            note_length=Length("note")
        )
        entered.filter(note_length__gt=0, note_length__lte=SOURCE_MAX_LENGTH).update(
            source_location=F("note"), note=""
        )
        published = model.objects.filter(
            published_source_document__isnull=True, published_source_location=""
        ).annotate(note_length=Length("published_note"))
        published.filter(note_length__gt=0, note_length__lte=SOURCE_MAX_LENGTH).update(
            published_source_location=F("published_note"), published_note=""
        )


class Migration(migrations.Migration):
    dependencies = [("metrics", "0005_reading_qualifier")]

    operations = [migrations.RunPython(move_note_to_source, migrations.RunPython.noop)]
