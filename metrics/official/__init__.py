"""DfE Explore Education Statistics (EES) tidy-data files as official figures.

- `periods`: `time_period` + `time_identifier` to a reading's period.
- `symbols`: suppression symbols (c, x, :, z, low, k, u, blank) to a missing value with its reason.
- `meta`: the `.meta.csv` beside a data file (labels, units %, pp, £, £m, decimal places).
- `councils`: LA codes (GSS or DfE number) to the council that held them for any part of the period,
  carried on to the live council where one replaced exactly one other over the same area.
- `releases`: the release each figure came from; an older release never replaces a newer one's figure.
- `plan`: the file read into figures and a report, without the database.
- `checks`: the publication, release and measure options, checked before anything is read.
- `importer`: `ees_file_import`, the all-or-nothing service; a dry run reads and counts but writes nothing.

Decisions: national rows for England become England benchmarks; E12 regional rows become region
benchmarks (a missing Region is created from the file's name); Inner and Outer London (E13) rows
are skipped and reported, because no council's region in pipdash is a sub-region; rows for
several councils together ("940 / 941") are reported and not split; identical repeated rows are
reported and counted once, repeated rows that disagree stop the import. A row for a council that
did not exist in the period is skipped with a warning, never refusing the file. A bad value (a
negative count, one too large to store) is an error naming its line and column, never a traceback.
"""

from metrics.official.periods import PeriodError, PeriodRule, period_for
from metrics.official.report import EESImportError, ImportReport

__all__ = ["EESImportError", "ImportReport", "PeriodError", "PeriodRule", "period_for"]
