"""CT log entries as scan input (ct_input.py): RFC 6962 MerkleTreeLeaf / extra_data parsing,
get-entries files, static-ct-api data tiles (full, partial, superseded, gzipped), malformed
entries as per-entry error records, detection, the record's `log_entry`, and resume across a
partial tile replaced by its full tile. Inputs are built by tools/make_ct_inputs.py."""

from __future__ import annotations

import base64
import gzip
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

import certs
import make_ct_inputs as mk
from pkilint_semantic_dn import cli, ct_input
from pkilint_semantic_dn.corpus import InputCounts

EMBEDDED = "semantic_dn.embedded_attribute_assignment"
OV = certs.PROFILES["tls_br/ov_final_certificate"]


def _der(subject, serial) -> bytes:
    return certs.der_certificate(OV, subject, serial)


CLEAN = _der(
    [("2.5.4.6", "US"), ("2.5.4.10", "Example Corp"), ("2.5.4.3", "a.com")], 11
)
INCIDENT = _der(
    [("2.5.4.6", "JP"), ("2.5.4.8", "Tokyo, C=JP"), ("2.5.4.3", "www.example.jp")], 12
)


@pytest.fixture(scope="module")
def entries():
    # x509 CLEAN, precert of CLEAN, x509 INCIDENT, precert of INCIDENT, then more x509.
    head = mk.log_entries([CLEAN, INCIDENT], precert_every=1)
    return head + mk.log_entries([CLEAN] * 700)  # a precertificate after every fifth


def _scan(tmp_path, *args) -> tuple[int, list[dict]]:
    out = tmp_path / "out.jsonl"
    status = cli.main(
        ["scan", *map(str, args), "--semantic-only", "-j", "1", "-o", str(out)]
        + ["--no-progress"]
    )
    return status, [json.loads(line) for line in out.read_text().splitlines()]


# --- Structures ------------------------------------------------------------------------------


def test_merkle_tree_leaf_of_an_x509_entry(entries):
    e = entries[0]
    parsed = ct_input.parse_merkle_tree_leaf(mk.merkle_tree_leaf(e))
    assert parsed.entry_type == ct_input.X509_ENTRY
    assert parsed.signed_entry == CLEAN
    assert parsed.timestamp == e.timestamp
    assert parsed.leaf_index is None
    pre, chain = ct_input.parse_extra_data(parsed.entry_type, mk.extra_data(e))
    assert pre is None and chain == list(e.chain)


def test_merkle_tree_leaf_of_a_precert_entry_keeps_the_tbs(entries):
    e = entries[1]
    assert e.precert
    parsed = ct_input.parse_merkle_tree_leaf(mk.merkle_tree_leaf(e))
    assert parsed.entry_type == ct_input.PRECERT_ENTRY
    assert parsed.signed_entry == e.tbs
    assert parsed.issuer_key_hash == e.issuer_key_hash
    pre, chain = ct_input.parse_extra_data(parsed.entry_type, mk.extra_data(e))
    assert pre == e.certificate  # the submitted precertificate, poison included
    assert ct_input.certificate_of(parsed, pre) == e.certificate


def test_leaf_index_extension():
    e = mk.LogEntry(5, CLEAN)
    parsed = ct_input.parse_merkle_tree_leaf(
        mk.merkle_tree_leaf(e, mk.leaf_index_extension(1234567))
    )
    assert parsed.leaf_index == 1234567
    # Opaque RFC 6962 extensions that are not in the static-ct-api format are ignored.
    assert ct_input._leaf_index(b"\x07\xff") is None


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda b: b"\x01" + b[1:], "unknown MerkleTreeLeaf version 1"),
        (lambda b: b[:1] + b"\x01" + b[2:], "unknown MerkleLeafType 1"),
        (lambda b: b[:10] + b"\x00\x05" + b[12:], "unknown entry_type 5"),
        (lambda b: b[:40], "ASN.1Cert: needs"),
        (lambda b: b + b"\x00", "1 bytes after the MerkleTreeLeaf"),
        (lambda b: b[:12] + b"\x00\x00\x00" + b"\x00\x00", "empty signed entry"),
    ],
)
def test_malformed_leaves_are_refused(entries, damage, message):
    with pytest.raises(ct_input.MalformedEntry, match=message):
        ct_input.parse_merkle_tree_leaf(damage(mk.merkle_tree_leaf(entries[0])))


def test_tile_paths_round_trip():
    assert mk.tile_parts(1234067) == ["x001", "x234", "067"]
    assert ct_input.tile_path_parts(1234067) == ["x001", "x234", "067"]
    assert ct_input.tile_number(["x001", "x234", "067"]) == (1234067, None)
    assert ct_input.tile_number(["x001", "067.p", "12"]) == (1067, 12)
    assert ct_input.tile_path_parts(5, 7) == ["005.p", "7"]
    for bad in (["67"], ["001", "067"], ["067.p", "0"], ["067.p", "256"], ["README"]):
        assert ct_input.tile_number(bad) is None


# --- get-entries -----------------------------------------------------------------------------


def test_get_entries_scan_names_each_log_entry(tmp_path, entries):
    mk.write_get_entries(entries[:4], tmp_path / "ge", per_file=4)
    status, records = _scan(tmp_path, tmp_path / "ge")
    assert status == 1
    assert [r["index"] for r in records] == [0, 1, 2, 3]
    assert [r["log_entry"]["entry_type"] for r in records] == [
        "x509_entry",
        "precert_entry",
    ] * 2
    assert [r["precertificate"] for r in records] == [False, True, False, True]
    # Named get-entries-0-3.json: the range requested gives the leaf index.
    assert [r["log_entry"]["leaf_index"] for r in records] == [0, 1, 2, 3]
    assert records[1]["log_entry"]["timestamp"] == entries[1].timestamp
    assert records[1]["file"].endswith("get-entries-0-3.json")
    codes = [[f["code"] for f in r["findings"]] for r in records]
    assert codes[0] == codes[1] == []
    assert EMBEDDED in codes[2] and EMBEDDED in codes[3]


def test_malformed_entries_give_error_records_and_the_scan_goes_on(tmp_path, entries):
    paths = mk.write_get_entries(
        entries[:4], tmp_path / "ge", per_file=4, malformed=True
    )
    status, records = _scan(tmp_path, paths[-1])
    assert status == 2
    errors = [(r["index"], r.get("error")) for r in records]
    assert errors == [
        (0, "get-entries: leaf_input: bad base64 (Only base64 data is allowed)"),
        (1, f"get-entries: ASN.1Cert: needs {len(CLEAN)} bytes at offset 15, 25 left"),
        (2, "get-entries: precertificate entry without extra_data"),
        (3, "get-entries: unknown entry_type 7"),
        (4, "get-entries: an entry is not a JSON object"),
        (5, None),  # the good entry after them
    ]
    assert records[2]["log_entry"]["entry_type"] == "precert_entry"
    assert records[5]["precertificate"] is True


def test_get_entries_as_json_lines_and_without_range(tmp_path, entries):
    lines = []
    for e in entries[:3]:
        leaf = base64.b64encode(mk.merkle_tree_leaf(e)).decode()
        extra = base64.b64encode(mk.extra_data(e)).decode()
        lines.append(
            json.dumps({"entries": [{"leaf_input": leaf, "extra_data": extra}]})
        )
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(lines + ["{not json"]) + "\n")
    assert ct_input.detect(str(path)) == ct_input.GET_ENTRIES
    items = list(ct_input.iter_get_entries(str(path)))
    assert [i.index for i in items] == [0, 1, 2, 3]
    assert [i.entry["leaf_index"] for i in items] == [None] * 4
    assert items[3].error.startswith("get-entries: line 4 is not JSON")


def test_a_response_without_entries(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"entries": 5}')
    (item,) = ct_input.iter_get_entries(str(path))
    assert item.error == 'get-entries: no "entries" list in the response'


# --- Tiles -----------------------------------------------------------------------------------


def test_tiles_full_partial_gzipped_and_superseded(tmp_path, entries):
    log = tmp_path / "log"
    mk.write_tiles(entries[:600], log)  # tiles 0, 1 (gzipped), 2.p/88; 0.p/100 too
    tiles = ct_input.list_tiles(str(log))
    assert [(t.number, t.width) for t in tiles] == [(0, None), (1, None), (2, 88)]
    status, records = _scan(tmp_path, log)
    assert status == 1
    assert [r["index"] for r in records] == list(range(600))  # each entry once
    assert {r["real_path"] for r in records} == {str(log.resolve())}
    r = records[300]
    assert r["file"] == str(log / "tile" / "data" / "001")
    assert r["log_entry"] == {
        "format": "tiles",
        "entry_type": entries[300].precert and "precert_entry" or "x509_entry",
        "timestamp": entries[300].timestamp,
        "leaf_index": 300,
        "tile": 1,
        "position": 44,
    }
    # The same log read from its tile/data directory, or one tile file.
    assert ct_input.detect(str(log / "tile" / "data")) == ct_input.TILES
    one = list(
        ct_input.iter_tile(ct_input._tile_of_file(str(log / "tile/data/002.p/88")))
    )
    assert [i.index for i in one] == list(range(512, 600))


def test_a_truncated_tile_ends_with_one_error_record(tmp_path, entries):
    log = tmp_path / "log"
    mk.write_tiles(entries[:256], log, malformed=True)  # tile 1.p/3, last entry cut
    status, records = _scan(tmp_path, log)
    assert status == 2
    assert len(records) == 256 + 3
    last = records[-1]
    assert last["index"] == 258 and last["log_entry"]["position"] == 2
    assert last["error"].startswith("data tile: at byte ")
    assert last["error"].endswith("the rest of the tile is unreadable")
    assert all("error" not in r for r in records[:-1])


def test_tile_width_and_index_checks(tmp_path, entries):
    data = tmp_path / "log" / "tile" / "data"
    data.mkdir(parents=True)
    leaves = [mk.tile_leaf(e, i) for i, e in enumerate(entries[:3])]
    (data / "000.p").mkdir()
    (data / "000.p" / "5").write_bytes(b"".join(leaves))  # says 5, holds 3
    (data / "001.p").mkdir()
    (data / "001.p" / "1").write_bytes(leaves[0])  # leaf_index 0 in tile 1
    (data / "002.p").mkdir()
    (data / "002.p" / "1").write_bytes(gzip.compress(b"junk")[:-3])
    (data / "README").write_text("not a tile")
    counts = InputCounts()
    items = list(ct_input.iter_inputs([str(tmp_path / "log")], counts=counts))
    assert [(i.index, i.error) for i in items] == [
        (0, None),
        (1, None),
        (2, None),
        (3, "data tile: 3 entries, its name says 5"),
        (
            256,
            "data tile: the entry's leaf_index extension says 0, its place in the "
            "tile 256",
        ),
        (512, items[-1].error),
    ]
    assert items[-1].error.startswith("data tile: bad gzip data")
    assert counts.files == 3 and counts.files_without_certificates == 1


def test_resume_across_a_partial_tile_replaced_by_the_full_one(tmp_path, entries):
    log = tmp_path / "log"
    data = log / "tile" / "data"
    data.mkdir(parents=True)
    leaves = [mk.tile_leaf(e, i) for i, e in enumerate(entries[:256])]
    (data / "000.p").mkdir()
    (data / "000.p" / "100").write_bytes(b"".join(leaves[:100]))
    out = tmp_path / "out.jsonl"
    base = [
        "scan",
        str(log),
        "--semantic-only",
        "-j",
        "1",
        "-o",
        str(out),
        "--no-progress",
    ]
    assert cli.main(base) == 1
    assert len(out.read_text().splitlines()) == 100
    (data / "000").write_bytes(b"".join(leaves))  # the log grew: tile 0 is full
    assert cli.main(base + ["--resume"]) == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["index"] for r in records] == list(range(256))
    assert {r["file"] for r in records[100:]} == {str(data / "000")}


# --- Detection -------------------------------------------------------------------------------


def test_detection_and_forcing(tmp_path, entries):
    mk.write_get_entries(entries[:2], tmp_path / "ge", per_file=2)
    mk.write_tiles(entries[:2], tmp_path / "log")
    pem = tmp_path / "pem"
    pem.mkdir()
    (pem / "a.pem").write_text(
        x509.load_der_x509_certificate(CLEAN)
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )
    assert ct_input.detect(str(tmp_path / "ge")) == ct_input.GET_ENTRIES
    assert (
        ct_input.detect(str(tmp_path / "ge" / "get-entries-0-1.json")) == "get-entries"
    )
    assert ct_input.detect(str(tmp_path / "log")) == ct_input.TILES
    assert ct_input.detect(str(pem)) == ct_input.FILES
    assert ct_input.detect("-") == ct_input.FILES
    # Mixed inputs in one scan, in order.
    status, records = _scan(tmp_path, pem, tmp_path / "ge", tmp_path / "log")
    assert [r.get("log_entry", {}).get("format") for r in records] == [
        None,
        "get-entries",
        "get-entries",
        "tiles",
        "tiles",
    ]
    # Forced: a get-entries file read as files holds no certificate.
    out = tmp_path / "forced.jsonl"
    status = cli.main(
        ["scan", str(tmp_path / "ge"), "--input-format", "files", "--semantic-only"]
        + ["-o", str(out), "--no-progress", "-j", "1"]
    )
    assert status == 0 and out.read_text() == ""


def test_standard_input_is_files_only(capsys):
    status = cli.main(["scan", "-", "--input-format", "tiles", "--no-progress"])
    assert status == 2
    assert "standard input ('-') can only be read as --input-format files" in (
        capsys.readouterr().err
    )


def test_fifos_in_a_tile_directory_are_never_opened(tmp_path, entries):
    log = tmp_path / "log"
    mk.write_tiles(entries[:3], log)
    import os

    os.mkfifo(log / "tile" / "data" / "001")
    counts = InputCounts()
    assert [(t.number, t.width) for t in ct_input.list_tiles(str(log), counts)] == [
        (0, 3)
    ]
    assert counts.special_files == 1
    fifo = tmp_path / "named.fifo"
    os.mkfifo(fifo)
    assert ct_input.detect(str(fifo)) == ct_input.FILES  # not opened: it would block
