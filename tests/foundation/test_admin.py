from django.apps import apps
from django.contrib import admin


def test_every_domain_model_is_in_the_admin():
    inlined = {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    missing = [
        model._meta.label
        for app in ("programmes", "projects", "metrics")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model not in admin.site._registry and model not in inlined
    ]
    assert missing == []


def test_admin_pages_open_for_an_admin(admin_client, db):
    for app, model in [("programmes", "council"), ("metrics", "reading"), ("projects", "project")]:
        assert admin_client.get(f"/admin/{app}/{model}/").status_code == 200
