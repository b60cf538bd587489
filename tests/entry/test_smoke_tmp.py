import datetime as dt

from tests.conftest import client_for
from tests.entry.conftest import date_fields, project_url, reading_url


def test_pages_render(manager, approver, project, metric, draft, submitted, milestone, update, risk):
    c = client_for(manager)
    for url in [
        project_url("reading-add", project),
        project_url("metric-add", project),
        project_url("milestone-add", project),
        project_url("milestone-edit", project, pk=milestone.pk),
        project_url("progress-update-add", project),
        project_url("progress-update-edit", project, pk=update.pk),
        project_url("risk-add", project),
        project_url("risk-edit", project, pk=risk.pk),
        project_url("project-history", project),
        reading_url("reading-detail", draft),
        reading_url("reading-edit", draft),
        "/councils/E10000019/figures/awaiting-approval/",
    ]:
        r = c.get(url)
        assert r.status_code == 200, url
    r = c.post(
        project_url("reading-add", project),
        {"metric": metric.pk, "kind": "actual", "value": "abc", **date_fields("period_end", dt.date(2099, 9, 30))},
    )
    assert r.status_code == 200
    assert r.context["form"].error_links == [
        ("id_value", "Enter the value as a number, like 155 or 7.3"),
        (
            "id_period_end_day",
            "An actual figure cannot be for a date in the future: enter it as a target, or change the date",
        ),
    ], r.context["form"].error_links
    r = client_for(approver).get(reading_url("reading-return", draft))
    assert r.status_code == 200
