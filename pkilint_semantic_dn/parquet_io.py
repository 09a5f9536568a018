"""Parquet in and out of `scan` (needs pyarrow: `pip install 'pkilint-semantic-dn[parquet]'`).

Input: a Parquet file, or a dataset directory of them (recursively, sorted by path, names
starting with `_` or `.` left out as Spark and Hive do), with a binary column of DER
certificates (`--der-column`, default `der`). A row is one item: `file` is the Parquet file,
`index` the row's position in it (over all row groups). A null or empty value is an error
item; a file that cannot be read or lacks the column is one error item. The unit of a
distributed scan is a row group (`row_groups`).

Output: one row per certificate record, findings nested (`RECORD_SCHEMA`):

    file string, index int64, sha256 string, serial string, issuer string, subject string,
    precertificate bool, profile string,
    findings list<struct<severity, code, message, path, validator: string>>,
    error string, pkilint_error string, mode string, real_path string,
    log_entry struct<format, entry_type: string, timestamp, leaf_index, tile,
                     position: int64>

Why nested and one table: a record is one row exactly as in JSON Lines (one line per
certificate), so "how many certificates" is a row count, certificates without findings are
not lost, and a partition's file is self-contained (no join across tables to keep
consistent, no half-written second table). DuckDB, Spark, Trino/Athena and BigQuery all read
list<struct> and flatten it where wanted (`UNNEST(findings)`, `explode`), e.g. in DuckDB:

    SELECT f.code, count(*) FROM (SELECT unnest(findings) AS f FROM 'out/*.parquet')
    GROUP BY ALL;

File names that are not UTF-8 are written with backslash escapes (Parquet strings are
UTF-8); JSON Lines keeps them exactly.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from pkilint_semantic_dn.corpus import InputCounts, Item, short_error

EXTRA_HINT = "pip install 'pkilint-semantic-dn[parquet]'"
ROW_GROUP_RECORDS = 8192  # records per row group of the output


class MissingExtra(RuntimeError):
    """pyarrow is not installed."""


def require():
    """pyarrow's parquet module, or MissingExtra saying how to install it."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtra(
            f"Parquet input and output need pyarrow, which is not installed: {EXTRA_HINT}"
        ) from None
    return pq


# --- Input -----------------------------------------------------------------------------------


def parquet_files(path: str) -> list[str]:
    """The Parquet files of a file or dataset directory, in order."""
    if not os.path.isdir(path):
        return [path]
    out = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        out += [
            os.path.join(root, n)
            for n in sorted(files)
            if n.endswith(".parquet")
            and not n.startswith((".", "_"))
            and os.path.isfile(os.path.join(root, n))  # FIFOs, devices: never read
        ]
    return out


def row_groups(path: str) -> list[tuple[str, int, int, int]]:
    """(file, row group, first row, rows) of every row group under `path`; a file that
    cannot be opened is listed as (file, -1, 0, 0) (its error comes when it is read)."""
    pq = require()
    out = []
    for name in parquet_files(path):
        try:
            meta = pq.ParquetFile(name).metadata
        except Exception:
            out.append((name, -1, 0, 0))
            continue
        first = 0
        for g in range(meta.num_row_groups):
            rows = meta.row_group(g).num_rows
            out.append((name, g, first, rows))
            first += rows
    return out


def count_rows(path: str) -> int:
    return sum(rows for _, _, _, rows in row_groups(path))


def iter_items(
    path: str, der_column: str = "der", counts: InputCounts | None = None
) -> Iterator[Item]:
    """Items of every row of a Parquet file or dataset directory."""
    counts = counts if counts is not None else InputCounts()
    groups = row_groups(path)
    if not groups:
        yield Item(path, None, None, "no Parquet file found", 0, None)
    seen = set()
    for name, group, first, rows in groups:
        if name not in seen:
            seen.add(name)
            counts.files += 1
        yield from iter_row_group(name, group, first, der_column)


def iter_row_group(
    path: str,
    group: int,
    first: int,
    der_column: str = "der",
    name: str | None = None,
) -> Iterator[Item]:
    """Items of one row group (`path` is opened, `name` is what records say); group -1:
    the file could not be opened when it was listed."""
    pq = require()
    name = name or path
    real = os.path.realpath(path)
    try:
        handle = pq.ParquetFile(path)
        if der_column not in handle.schema_arrow.names:
            if group <= 0:  # said once per file
                yield Item(name, None, None, f"no column {der_column!r}", 0, real)
            return
        column = handle.read_row_group(group, columns=[der_column]).column(0)
    except Exception as e:
        if group <= 0:
            yield Item(
                name, None, None, f"cannot read Parquet: {short_error(e)}", 0, real
            )
        return
    import pyarrow as pa

    kind = column.type
    if not (pa.types.is_binary(kind) or pa.types.is_large_binary(kind)):
        if group <= 0 or pa.types.is_fixed_size_binary(kind):
            yield Item(
                name,
                None,
                None,
                f"column {der_column!r} is {kind}, not binary",
                0,
                real,
            )
        return
    for offset, der in enumerate(column.to_pylist()):
        if not der:
            error = f"no DER in column {der_column!r} (null or empty)"
            yield Item(name, first + offset, None, error, 0, real)
        else:
            yield Item(name, first + offset, der, None, 0, real)


# --- Output ----------------------------------------------------------------------------------


def record_schema():
    import pyarrow as pa

    text = pa.string()
    finding = pa.struct(
        [(k, text) for k in ("severity", "code", "message", "path", "validator")]
    )
    log_entry = pa.struct(
        [
            ("format", text),
            ("entry_type", text),
            ("timestamp", pa.int64()),
            ("leaf_index", pa.int64()),
            ("tile", pa.int64()),
            ("position", pa.int64()),
        ]
    )
    return pa.schema(
        [
            ("file", text),
            ("index", pa.int64()),
            ("sha256", text),
            ("serial", text),
            ("issuer", text),
            ("subject", text),
            ("precertificate", pa.bool_()),
            ("profile", text),
            ("findings", pa.list_(finding)),
            ("error", text),
            ("pkilint_error", text),
            ("mode", text),
            ("real_path", text),
            ("log_entry", log_entry),
        ]
    )


def _utf8(value):
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogateescape").decode(
                "utf-8", "backslashreplace"
            )
    return value


def records_table(records: Iterable[dict]):
    import pyarrow as pa

    schema = record_schema()
    rows = []
    for r in records:
        row = {k: r.get(k) for k in schema.names}
        row["file"] = _utf8(row["file"])
        row["real_path"] = _utf8(row["real_path"])
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=schema)


def write_records(records: Iterable[dict], path: str) -> int:
    """Writes the records to a Parquet file; returns how many."""
    pq = require()
    records = list(records)
    pq.write_table(records_table(records), path, row_group_size=ROW_GROUP_RECORDS)
    return len(records)


def read_records(path: str) -> list[dict]:
    """The records of a Parquet output (file or directory), as dicts like JSON Lines'."""
    pq = require()
    out = []
    for name in parquet_files(path):
        for row in pq.read_table(name).to_pylist():
            if row.get("log_entry") is None:
                row.pop("log_entry", None)
            out.append({k: v for k, v in row.items() if v is not None or k == "index"})
    return out


class ParquetOutput:
    """`scan --format parquet -o FILE`: takes what scan writes (JSON Lines records, whole)
    and writes them as Parquet row groups of ROW_GROUP_RECORDS; `close()` writes the last
    one and the footer (a scan stopped by a signal still ends with a valid file). A write
    that fails raises `failed(OSError)` (scan's OutputFailed)."""

    regular = True

    def __init__(self, fd: int, failed=OSError):
        pq = require()
        self.records = 0
        self._failed = failed
        self._buffer: list[dict] = []
        self._file = os.fdopen(os.dup(fd), "wb")
        self._writer = pq.ParquetWriter(self._file, record_schema())

    def write(self, pieces: list[bytes], records: bool = True) -> int:
        import json

        if not records:
            return 0
        self._buffer += [json.loads(p) for p in pieces]
        self.records += len(pieces)
        if len(self._buffer) >= ROW_GROUP_RECORDS:
            self._flush()
        return len(pieces)

    def _flush(self) -> None:
        if not self._buffer:
            return
        table = records_table(self._buffer)
        self._buffer = []
        try:
            self._writer.write_table(table)
        except OSError as e:
            raise self._failed(e) from None

    def close(self) -> None:
        if self._writer is None:
            return
        try:
            self._flush()
            self._writer.close()
        except OSError as e:
            raise self._failed(e) from None
        finally:
            self._writer = None
            self._file.close()
