"""CSV and TSV: every row a table row, each carrying the header row."""
from __future__ import annotations

import csv
import io

from ..model import BlockKind, Format
from .base import RawBlock, ReadResult
from .text import decode_text


class DelimitedReader:
    format = Format.CSV

    def read(self, data: bytes, source: str) -> ReadResult:
        delimiter = "\t" if source.lower().endswith(".tsv") else ","
        text = decode_text(data)
        csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
        try:
            rows = [[" ".join(c.split()) for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
        except csv.Error as exc:
            raise ValueError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'} ({exc})") from exc
        rows = [r for r in rows if any(r)]
        if not rows:
            return ReadResult(blocks=[])
        header = " | ".join(rows[0])
        return ReadResult(blocks=[RawBlock(text=" | ".join(r), kind=BlockKind.TABLE_ROW, table_header=header)
                                  for r in rows])
