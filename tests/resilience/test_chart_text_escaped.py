"""Issue 19 part 8: a measure's name reaches Plotly as text, never as a live link."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from metrics.charts import ACTUAL, ChartRow, figure_dict
from metrics.units import Unit
from tests.factories import MetricFactory

pytestmark = pytest.mark.django_db

LINK = '<a href="https://x">x</a>'


def test_a_measure_name_with_html_is_escaped_in_the_chart_figure():
    metric = MetricFactory(name=LINK, unit=Unit.COUNT)
    rows = [ChartRow(ACTUAL, dt.date(2018, 7, 20), Decimal("10"), Unit.COUNT)]
    figure = figure_dict(metric, rows)
    text = json.dumps(figure)
    assert "<a " not in text and "href=" not in text.replace("href=&quot;", "")
    assert figure["layout"]["title"]["text"] == "&lt;a href=&quot;https://x&quot;&gt;x&lt;/a&gt;"
