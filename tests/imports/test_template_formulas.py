"""A metric whose name looks like a formula is written to the template as text, not as a live formula."""

from io import BytesIO

import openpyxl

from metrics.imports.template import template_xlsx
from tests.factories import MetricFactory, ProjectFactory, WorkstreamFactory


def test_a_formula_like_metric_name_is_text_in_the_xlsx_template(council):
    project = ProjectFactory(workstream=WorkstreamFactory(council=council))
    MetricFactory(name='=HYPERLINK("http://x")', council=council, project=project)

    workbook = openpyxl.load_workbook(BytesIO(template_xlsx(council=council)))

    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    named = [cell for cell in cells if cell.value == '=HYPERLINK("http://x")']
    assert named, "the name is in the template"
    assert all(cell.data_type == "s" for cell in named)
