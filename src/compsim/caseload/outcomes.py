"""Per-case outcomes written as the run goes: CSV, or Parquet (``pip install 'compsim[parquet]'``).

Rows arrive chunk by chunk, in chunk order, and are written straight away; the file is written
beside its final name and moved into place only when the run finishes (with the command's other
files: ``compsim.outputs``), so a failed run leaves no half-written file.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from compsim import outputs
from compsim.caseload.run import OUTCOME_COLUMNS
from compsim.errors import CompsimError

FORMATS = (".csv", ".parquet")


class OutcomeWriter:
    def __init__(self, path: Path) -> None:
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise CompsimError(f"--cases-output {path}: expected a file ending .csv or .parquet")
        self.path = path
        self.temporary = outputs.temporary_for(path)
        self.parquet = suffix == ".parquet"
        self._writer: Any = None
        self._handle: Any = None
        if self.parquet:
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise CompsimError(
                    f"--cases-output {path}: Parquet needs pyarrow: pip install 'compsim[parquet]'"
                ) from None
        try:
            if not self.parquet:
                self._handle = self.temporary.open("w", encoding="utf-8", newline="")
                self._writer = csv.writer(self._handle, lineterminator="\n")
                self._writer.writerow(OUTCOME_COLUMNS)
        except OSError as error:
            raise CompsimError(f"--cases-output {path}: cannot write: {error.strerror}") from None

    def write(self, rows: tuple[tuple[str, ...], ...]) -> None:
        if not rows:
            return
        if self.parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.table({name: [r[i] for r in rows] for i, name in enumerate(OUTCOME_COLUMNS)})
            if self._writer is None:
                self._writer = pq.ParquetWriter(str(self.temporary), table.schema)
            self._writer.write_table(table)
        else:
            self._writer.writerows(rows)

    def close(self, keep: bool) -> None:
        if self.parquet and self._writer is not None:
            self._writer.close()
        if self._handle is not None:
            self._handle.close()
        if keep and self.temporary.exists():
            outputs.place(self.temporary, self.path)
        else:
            outputs.discard(self.temporary)
