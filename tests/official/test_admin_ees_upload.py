"""The admin upload of an EES file: check first, then import, all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metrics.models import Benchmark, Metric, Reading
from tests.conftest import client_for
from tests.official.conftest import data

pytestmark = pytest.mark.django_db
URL = reverse("admin:metrics_metric_import_ees")


def _post(user, dry_run, file="workforce_small.csv", **extra):
    fields = {
        "data_file": SimpleUploadedFile(file, data(file), content_type="text/csv"),
        "meta_file": SimpleUploadedFile("m.meta.csv", data("workforce_small.meta.csv"), content_type="text/csv"),
        "indicator": "turnover_rate_fte",
        "publication_key": "csww",
        "publication_title": "Children's social work workforce",
        "as_at": "09-30",
        "direction": "lower",
        **extra,
    }
    if dry_run:
        fields["dry_run"] = "on"
    return client_for(user).post(URL, fields)


def test_admin_checks_then_imports(admin_user, lincs_and_leeds):
    assert client_for(admin_user).get(URL).status_code == 200
    checked = _post(admin_user, dry_run=True)
    assert checked.status_code == 200 and not Metric.objects.exists()
    assert any("would be created 4" in line for line in checked.context["report_lines"])
    imported = _post(admin_user, dry_run=False)
    assert any("were created 4" in line for line in imported.context["report_lines"])
    assert Reading.objects.count() == 4 and Benchmark.objects.count() == 4
    assert Reading.objects.first().entered_by == admin_user
    assert Metric.objects.get().direction == "lower"


def test_admin_sees_every_problem_and_nothing_is_saved(admin_user, lincs_and_leeds):
    response = _post(admin_user, dry_run=False, as_at="")
    assert any("does not say which date" in line for line in response.context["report_lines"])
    assert not Reading.objects.exists()


def test_people_who_are_not_staff_cannot_reach_the_upload(scrutiny):
    response = client_for(scrutiny).get(URL)
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_metric_list_links_to_the_upload(admin_user):
    response = client_for(admin_user).get(reverse("admin:metrics_metric_changelist"))
    assert URL in response.content.decode()


def test_admin_upload_records_the_release_and_keeps_a_newer_releases_figure(admin_user, lincs_and_leeds):
    from metrics.models import OfficialRelease

    _post(admin_user, dry_run=False, release_name="Reporting year 2019", release_date="2020-02-27")
    assert OfficialRelease.objects.get().name == "Reporting year 2019"
    assert Benchmark.objects.filter(release__name="Reporting year 2019").count() == 4
    older = _post(admin_user, dry_run=False, release_name="Reporting year 2018", release_date="2019-02-28")
    assert older.status_code == 200 and any("unchanged 4" in line for line in older.context["report_lines"])
