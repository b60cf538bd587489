"""Bulk import of figures from CSV and XLSX: template, dry run, all-or-nothing save.

- `columns`: the columns and limits, as data.
- `files`: bytes -> header and cells, refusing what is not a safe spreadsheet of figures.
- `values`: a cell -> a date, period, number or kind, never guessing.
- `lookups`, `checking`, `quality`, `preview`: the dry run, with the browser form's rules.
- `template`: the CSV and XLSX templates.
- `services`, `selectors`, `forms`, `uploads`: what the views in `metrics/imports/views.py` call.
"""
