"""Parquet in and out of `scan` (parquet_io.py): a dataset with a DER column (row indexes over
row groups, null/empty values, a missing or non-binary column, `--der-column`), Parquet
output equal to the JSON Lines records, and the messages without pyarrow or with options
Parquet cannot honour."""

from __future__ import annotations

import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq

import certs
import make_ct_inputs as mk
from pkilint_semantic_dn import cli, ct_input, parquet_io

OV = certs.PROFILES["tls_br/ov_final_certificate"]
EMBEDDED = "semantic_dn.embedded_attribute_assignment"


def _der(subject, serial) -> bytes:
    return certs.der_certificate(OV, subject, serial)


CLEAN = _der(
    [("2.5.4.6", "US"), ("2.5.4.10", "Example Corp"), ("2.5.4.3", "a.com")], 21
)
INCIDENT = _der(
    [("2.5.4.6", "JP"), ("2.5.4.8", "Tokyo, C=JP"), ("2.5.4.3", "www.example.jp")], 22
)


def _scan(*args) -> int:
    return cli.main(
        ["scan", *map(str, args), "--semantic-only", "-j", "1", "--no-progress"]
    )


def _jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _plain(record: dict) -> dict:
    """A record without its null fields (Parquet cannot tell null from absent)."""
    out = {}
    for k, v in record.items():
        if isinstance(v, dict):
            v = {a: b for a, b in v.items() if b is not None}
        if v is not None:
            out[k] = v
    return out


def test_dataset_rows_are_items_over_row_groups(tmp_path):
    ders = [CLEAN, INCIDENT] * 5 + [None, b"", b"\x30\x03\x02\x01\x00"]
    mk.write_parquet(ders, tmp_path / "ds", files=2, row_group=3)
    assert ct_input.detect(str(tmp_path / "ds")) == ct_input.PARQUET
    groups = parquet_io.row_groups(str(tmp_path / "ds"))
    assert [(g, first, rows) for _, g, first, rows in groups] == [
        (0, 0, 3),
        (1, 3, 3),
        (2, 6, 1),
        (0, 0, 3),
        (1, 3, 3),
    ]
    out = tmp_path / "out.jsonl"
    assert _scan(tmp_path / "ds", "-o", out) == 2
    records = _jsonl(out)
    assert [(r["file"].rsplit("/", 1)[1], r["index"]) for r in records] == [
        ("part-000.parquet", i) for i in range(7)
    ] + [("part-001.parquet", i) for i in range(6)]
    assert [
        EMBEDDED in [f["code"] for f in r.get("findings", [])] for r in records[:4]
    ] == [
        False,
        True,
        False,
        True,
    ]
    assert [r.get("error") for r in records[-3:]] == [
        "no DER in column 'der' (null or empty)",
        "no DER in column 'der' (null or empty)",
        records[-1]["error"],
    ]
    assert records[-1]["error"].startswith("not a decodable certificate")


def test_der_column_and_wrong_columns(tmp_path):
    pq.write_table(
        pa.table({"cert": pa.array([INCIDENT], pa.binary())}), tmp_path / "a.parquet"
    )
    pq.write_table(pa.table({"der": pa.array(["MIIB..."])}), tmp_path / "b.parquet")
    out = tmp_path / "out.jsonl"
    assert _scan(tmp_path / "a.parquet", "--der-column", "cert", "-o", out) == 1
    (record,) = _jsonl(out)
    assert EMBEDDED in [f["code"] for f in record["findings"]]
    assert _scan(tmp_path / "a.parquet", tmp_path / "b.parquet", "-o", out) == 2
    assert [(r["index"], r["error"]) for r in _jsonl(out)] == [
        (None, "no column 'der'"),
        (None, "column 'der' is string, not binary"),
    ]
    (tmp_path / "c.parquet").write_bytes(b"PAR1 not really")
    assert _scan(tmp_path / "c.parquet", "-o", out) == 2
    (record,) = _jsonl(out)
    assert record["error"].startswith("cannot read Parquet: ")


def test_parquet_output_holds_the_records_of_json_lines(tmp_path):
    log = tmp_path / "log"
    entries = mk.log_entries([CLEAN, INCIDENT] * 150, precert_every=7)
    mk.write_tiles(entries, log, malformed=True)
    jl, pqt = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert _scan(log, "-o", jl) == 2
    assert _scan(log, "-o", pqt, "--format", "parquet") == 2
    table = pq.read_table(pqt)
    assert table.schema == parquet_io.record_schema()
    assert [_plain(r) for r in parquet_io.read_records(str(pqt))] == [
        _plain(r) for r in _jsonl(jl)
    ]
    # Queried as a query engine would: findings flattened.
    flat = pa.compute.list_flatten(table.column("findings"))
    codes = pa.compute.struct_field(flat, "code").to_pylist()
    assert codes.count(EMBEDDED) == sum(
        [f["code"] for f in r.get("findings", [])].count(EMBEDDED) for r in _jsonl(jl)
    )


def test_parquet_output_needs_a_file_and_cannot_resume(tmp_path, capsys):
    assert _scan(tmp_path, "--format", "parquet") == 2
    assert "--format parquet needs --output FILE" in capsys.readouterr().err
    out = tmp_path / "x.parquet"
    assert _scan(tmp_path, "--format", "parquet", "-o", out, "--resume") == 2
    assert "--resume cannot continue a Parquet file" in capsys.readouterr().err


def test_without_pyarrow_the_message_says_which_extra(tmp_path, monkeypatch, capsys):
    for name in [m for m in sys.modules if m.split(".")[0] == "pyarrow"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    mk_path = tmp_path / "a.parquet"
    mk_path.write_bytes(b"PAR1")
    assert _scan(mk_path, "-o", tmp_path / "o.jsonl") == 2
    err = capsys.readouterr().err
    assert "need pyarrow, which is not installed: pip install " in err
    assert "'pkilint-semantic-dn[parquet]'" in err
    assert _scan(tmp_path, "--format", "parquet", "-o", tmp_path / "o.parquet") == 2
    assert "'pkilint-semantic-dn[parquet]'" in capsys.readouterr().err


def test_without_dask_the_message_says_which_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert (
        _scan(tmp_path, "--scheduler", "tcp://127.0.0.1:1", "-o", tmp_path / "o") == 2
    )
    assert "'pkilint-semantic-dn[dask]'" in capsys.readouterr().err
