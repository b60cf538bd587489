"""Every model a reader sees keeps its history (django-simple-history): who changed what, and when."""

import pytest
from django.apps import apps

from programmes.data_versions import councils_changed
from projects.models import Workstream
from tests.factories import UserFactory, WorkstreamFactory

# Kept by the service for its own work, never shown to readers as data.
NOT_READER_DATA = {"metrics.ImportBatch"}
APPS = ("programmes", "projects", "metrics")


def _domain_models():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if not model.__name__.startswith("Historical") and model._meta.label not in NOT_READER_DATA:
                yield model


@pytest.mark.parametrize("model", list(_domain_models()), ids=lambda model: model._meta.label)
def test_every_model_a_reader_sees_keeps_history(model):
    assert hasattr(model, "history"), f"{model._meta.label} keeps no history"


def test_a_workstream_change_records_who_made_it_and_what_it_was(council):
    workstream = WorkstreamFactory(council=council, name="Practice")
    editor = UserFactory(username="editor")
    workstream._history_user = editor
    workstream.name = "Practice and Systems"
    workstream.save()
    records = list(Workstream.history.filter(id=workstream.pk).order_by("history_date"))
    assert [(r.history_type, r.name) for r in records] == [("+", "Practice"), ("~", "Practice and Systems")]
    assert records[-1].history_user == editor


def test_a_council_change_is_recorded_but_its_cache_version_is_not(council):
    council.name = "Lincolnshire County Council"
    council.save()
    councils_changed(council_ids=[council.pk])
    history = council.history.order_by("history_date")
    assert [r.name for r in history][-1] == "Lincolnshire County Council"
    assert not hasattr(history.first(), "data_version")
