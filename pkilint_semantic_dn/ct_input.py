"""Certificate Transparency log entries as scan input, and which reader each input needs.

Two CT forms are read, each parsed here from its specification:

* RFC 6962 `get-entries` responses (section 4.6): JSON `{"entries": [{"leaf_input": ...,
  "extra_data": ...}, ...]}`, one response per file or one per line (JSON Lines). The
  `leaf_input` is a MerkleTreeLeaf (section 3.4): version 0, leaf type 0 (timestamped
  entry), then a TimestampedEntry: 64-bit timestamp (ms since the epoch), 16-bit entry type,
  the signed entry (an ASN.1Cert for `x509_entry`; the issuer key hash and the TBSCertificate
  for `precert_entry`) and the CtExtensions. An x509 entry's certificate is the one in the
  leaf. A precertificate entry's leaf holds only a TBSCertificate (poison removed, issuer
  possibly rewritten), so the certificate scanned is the precertificate as submitted: the
  first element of `extra_data` (a PrecertChainEntry, section 3.1).
* static-ct-api data tiles (c2sp.org/static-ct-api): a directory `tile/data/` of tiles named
  `x001/x234/067` (tile 1234067) or `067.p/<W>` (a partial tile of W entries), each a
  sequence of TileLeaf structures: a TimestampedEntry, the pre_certificate for precert
  entries, and the 32-byte fingerprints of the chain. Tiles may be stored gzip-compressed.
  Where a full tile and partial tiles of the same number are present, the full one is read
  (a partial tile is a prefix of it); of partial tiles alone, the widest.

An entry becomes one `corpus.Item`: `file` is the get-entries file or the tile, `index` the
position in the file (get-entries) or the leaf index (tiles, whose `real_path` is the log's
directory: an entry keeps its resume key when its partial tile is replaced by the full one),
and `entry` the log entry's fields for the record's `log_entry`:

    {"format": "get-entries" | "tiles", "entry_type": "x509_entry" | "precert_entry",
     "timestamp": ms, "leaf_index": int or null, "tile": int (tiles), "position": int}

`leaf_index` comes from the static-ct-api `leaf_index` extension when the entry has one, else
from the tile number, else from a get-entries file named `...<start>-<end>.json` (the range
requested), else it is null. A malformed entry is an error item naming its position; in a
tile, whose entries have no framing of their own, a malformed entry ends that tile (one error
item) and the scan goes on with the next.

`iter_inputs` reads any mixture of inputs, each detected (`detect`) or forced
(`--input-format`): files (PEM/DER/base64, `corpus.py`), get-entries JSON, tile directories,
Parquet (`parquet_io.py`).
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import os
import re
import stat
import zlib
from typing import Callable, Iterable, Iterator, NamedTuple

from pkilint_semantic_dn.corpus import (
    InputCounts,
    Item,
    iter_items,
    iter_sources,
    short_error,
)

FILES, GET_ENTRIES, TILES, PARQUET = "files", "get-entries", "tiles", "parquet"
FORMATS = (FILES, GET_ENTRIES, TILES, PARQUET)
AUTO = "auto"

X509_ENTRY, PRECERT_ENTRY = 0, 1
_ENTRY_TYPES = {X509_ENTRY: "x509_entry", PRECERT_ENTRY: "precert_entry"}
TILE_WIDTH = 256
_LEAF_INDEX_EXTENSION = 0
# A data tile of 256 entries is well below this, even gzipped.
_MAX_TILE_BYTES = 64 << 20
_RANGE_NAME = re.compile(r"(\d+)-(\d+)\.jsonl?\Z")


class MalformedEntry(ValueError):
    """A CT structure that does not parse as its specification says."""


# --- TLS presentation language (RFC 8446 section 3) -----------------------------------------


class _Cursor:
    def __init__(self, data: bytes, pos: int = 0):
        self.data = data
        self.pos = pos

    def take(self, n: int, what: str) -> bytes:
        end = self.pos + n
        if end > len(self.data):
            raise MalformedEntry(
                f"{what}: needs {n} bytes at offset {self.pos}, "
                f"{len(self.data) - self.pos} left"
            )
        out = self.data[self.pos : end]
        self.pos = end
        return out

    def uint(self, size: int, what: str) -> int:
        return int.from_bytes(self.take(size, what), "big")

    def vector(self, length_size: int, what: str) -> bytes:
        return self.take(self.uint(length_size, f"{what} length"), what)

    def at_end(self) -> bool:
        return self.pos >= len(self.data)


class TimestampedEntry(NamedTuple):
    timestamp: int
    entry_type: int
    # x509_entry: the certificate. precert_entry: the TBSCertificate (not a certificate).
    signed_entry: bytes
    issuer_key_hash: bytes | None
    extensions: bytes
    leaf_index: int | None  # the static-ct-api leaf_index extension, if present


def _timestamped_entry(cur: _Cursor) -> TimestampedEntry:
    timestamp = cur.uint(8, "timestamp")
    entry_type = cur.uint(2, "entry_type")
    issuer_key_hash = None
    if entry_type == X509_ENTRY:
        signed = cur.vector(3, "ASN.1Cert")
    elif entry_type == PRECERT_ENTRY:
        issuer_key_hash = cur.take(32, "issuer_key_hash")
        signed = cur.vector(3, "TBSCertificate")
    else:
        raise MalformedEntry(f"unknown entry_type {entry_type}")
    if not signed:
        raise MalformedEntry("empty signed entry")
    extensions = cur.vector(2, "CtExtensions")
    return TimestampedEntry(
        timestamp,
        entry_type,
        signed,
        issuer_key_hash,
        extensions,
        _leaf_index(extensions),
    )


def _leaf_index(extensions: bytes) -> int | None:
    """The static-ct-api `leaf_index` extension (type 0, a 40-bit index), if there is one;
    extensions that are not in that format (RFC 6962 leaves them opaque) are ignored."""
    cur = _Cursor(extensions)
    found = None
    try:
        while not cur.at_end():
            kind = cur.uint(1, "extension_type")
            data = cur.vector(2, "extension_data")
            if kind == _LEAF_INDEX_EXTENSION and len(data) == 5:
                found = int.from_bytes(data, "big")
    except MalformedEntry:
        return None
    return found


def parse_merkle_tree_leaf(data: bytes) -> TimestampedEntry:
    """A MerkleTreeLeaf (RFC 6962 3.4), exactly: nothing may follow it."""
    cur = _Cursor(data)
    version = cur.uint(1, "version")
    if version != 0:
        raise MalformedEntry(f"unknown MerkleTreeLeaf version {version}")
    leaf_type = cur.uint(1, "leaf_type")
    if leaf_type != 0:
        raise MalformedEntry(f"unknown MerkleLeafType {leaf_type}")
    entry = _timestamped_entry(cur)
    if not cur.at_end():
        raise MalformedEntry(f"{len(data) - cur.pos} bytes after the MerkleTreeLeaf")
    return entry


def parse_extra_data(entry_type: int, data: bytes) -> tuple[bytes | None, list[bytes]]:
    """(pre_certificate or None, chain) of a get-entries `extra_data` (RFC 6962 4.6): a
    certificate_chain for x509 entries, a PrecertChainEntry for precertificate entries.
    """
    cur = _Cursor(data)
    pre = None
    if entry_type == PRECERT_ENTRY:
        pre = cur.vector(3, "pre_certificate")
        if not pre:
            raise MalformedEntry("empty pre_certificate")
    chain_data = _Cursor(cur.vector(3, "certificate chain"))
    chain = []
    while not chain_data.at_end():
        chain.append(chain_data.vector(3, "chain certificate"))
    if not cur.at_end():
        raise MalformedEntry(f"{len(data) - cur.pos} bytes after the extra_data")
    return pre, chain


class TileLeaf(NamedTuple):
    entry: TimestampedEntry
    pre_certificate: bytes | None
    chain_fingerprints: list[bytes]


def _tile_leaf(cur: _Cursor) -> TileLeaf:
    entry = _timestamped_entry(cur)
    pre = None
    if entry.entry_type == PRECERT_ENTRY:
        pre = cur.vector(3, "pre_certificate")
        if not pre:
            raise MalformedEntry("empty pre_certificate")
    fingerprints = cur.vector(2, "certificate_chain")
    if len(fingerprints) % 32:
        raise MalformedEntry("certificate_chain is not a list of 32-byte fingerprints")
    chain = [fingerprints[i : i + 32] for i in range(0, len(fingerprints), 32)]
    return TileLeaf(entry, pre, chain)


def parse_tile(data: bytes) -> Iterator[TileLeaf | MalformedEntry]:
    """The TileLeaf entries of a data tile, in order; a malformed one is yielded as its
    `MalformedEntry` and ends the tile (nothing frames the entries that follow it)."""
    cur = _Cursor(data)
    while not cur.at_end():
        start = cur.pos
        try:
            yield _tile_leaf(cur)
        except MalformedEntry as e:
            yield MalformedEntry(f"at byte {start} of the tile: {e}")
            return


def certificate_of(entry: TimestampedEntry, pre_certificate: bytes | None) -> bytes:
    """The certificate to lint: the x509 entry's, or the submitted precertificate."""
    if entry.entry_type == X509_ENTRY:
        return entry.signed_entry
    if not pre_certificate:
        raise MalformedEntry("precertificate entry without its pre_certificate")
    return pre_certificate


def entry_fields(
    fmt: str,
    position: int,
    entry: TimestampedEntry | None = None,
    leaf_index: int | None = None,
    tile: int | None = None,
) -> dict:
    """The record's `log_entry`."""
    fields = {
        "format": fmt,
        "entry_type": None,
        "timestamp": None,
        "leaf_index": leaf_index,
        "tile": tile,
        "position": position,
    }
    if entry is not None:
        fields["entry_type"] = _ENTRY_TYPES[entry.entry_type]
        fields["timestamp"] = entry.timestamp
        if entry.leaf_index is not None:
            fields["leaf_index"] = entry.leaf_index
    return fields


# --- get-entries files -----------------------------------------------------------------------


def _b64(text, what: str) -> bytes:
    if not isinstance(text, str):
        raise MalformedEntry(f"{what} is not a base64 string")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as e:
        raise MalformedEntry(f"{what}: bad base64 ({e})") from None


def _responses(path: str) -> Iterator[object]:
    """The JSON documents of a get-entries file: one (possibly pretty-printed), or one per
    line. A line that is not JSON is yielded as a MalformedEntry."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        yield json.loads(data)
        return
    except ValueError:
        pass
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except ValueError as e:
            yield MalformedEntry(f"line {number} is not JSON ({short_error(e)})")


def _start_of(path: str) -> int | None:
    found = _RANGE_NAME.search(os.path.basename(path))
    if found and int(found.group(1)) <= int(found.group(2)):
        return int(found.group(1))
    return None


def iter_get_entries(
    path: str,
    name: str | None = None,
    real_path: str | None = None,
    counts: InputCounts | None = None,
) -> Iterator[Item]:
    """Items of one get-entries file (`path` is opened, `name` is what records say)."""
    name = name or path
    real_path = real_path or os.path.realpath(path)
    counts = counts if counts is not None else InputCounts()
    counts.files += 1
    start = _start_of(path)
    position = 0
    try:
        documents = list(_responses(path))
    except OSError as e:
        yield Item(name, None, None, f"cannot read: {e.strerror or e}", 0, real_path)
        return
    for doc in documents:
        if isinstance(doc, MalformedEntry):
            entry = entry_fields(GET_ENTRIES, position)
            error = f"get-entries: {doc}"
            yield Item(name, position, None, error, 0, real_path, entry)
            position += 1
            continue
        entries = doc.get("entries") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            error = 'get-entries: no "entries" list in the response'
            entry = entry_fields(GET_ENTRIES, position)
            yield Item(name, position, None, error, 0, real_path, entry)
            position += 1
            continue
        for raw in entries:
            leaf = None if start is None else start + position
            yield _get_entries_item(name, real_path, position, leaf, raw)
            position += 1
    if position == 0:
        yield Item(name, None, None, "no log entry found", 0, real_path)


def _get_entries_item(name, real_path, position, leaf_index, raw) -> Item:
    entry = None
    try:
        if not isinstance(raw, dict):
            raise MalformedEntry("an entry is not a JSON object")
        entry = parse_merkle_tree_leaf(_b64(raw.get("leaf_input"), "leaf_input"))
        pre = None
        if entry.entry_type == PRECERT_ENTRY:
            extra = raw.get("extra_data")
            if extra is None:
                raise MalformedEntry("precertificate entry without extra_data")
            pre, _ = parse_extra_data(entry.entry_type, _b64(extra, "extra_data"))
        der = certificate_of(entry, pre)
    except MalformedEntry as e:
        fields = entry_fields(GET_ENTRIES, position, entry, leaf_index)
        return Item(name, position, None, f"get-entries: {e}", 0, real_path, fields)
    fields = entry_fields(GET_ENTRIES, position, entry, leaf_index)
    return Item(name, position, der, None, 0, real_path, fields)


# --- Tiles -----------------------------------------------------------------------------------


class Tile(NamedTuple):
    path: str  # as records name it
    number: int  # N
    width: int | None  # W of a partial tile; None: a full tile (256 entries)
    log_real_path: str  # the log's directory (the parent of tile/), really resolved


_TILE_PART = re.compile(r"x(\d{3})\Z")
_TILE_LAST = re.compile(r"(\d{3})\Z")
_TILE_PARTIAL = re.compile(r"(\d{3})\.p\Z")
_WIDTH = re.compile(r"[1-9]\d{0,2}\Z")


def tile_number(parts: list[str]) -> tuple[int, int | None] | None:
    """(N, W or None) of a data tile's path below tile/data/, or None if it is not one."""
    if not parts:
        return None
    width = None
    if len(parts) >= 2 and _TILE_PARTIAL.match(parts[-2]):
        if not _WIDTH.match(parts[-1]) or int(parts[-1]) > 255:
            return None
        width = int(parts[-1])
        parts = parts[:-2] + [parts[-2][:3]]
    if not _TILE_LAST.match(parts[-1]) or not all(
        _TILE_PART.match(p) for p in parts[:-1]
    ):
        return None
    digits = "".join(p.lstrip("x") for p in parts)
    return int(digits), width


def tile_path_parts(number: int, width: int | None = None) -> list[str]:
    """The path elements of tile N below tile/data/ (the inverse of `tile_number`)."""
    text = str(number)
    text = "0" * (-len(text) % 3) + text
    groups = [text[i : i + 3] for i in range(0, len(text), 3)]
    parts = ["x" + g for g in groups[:-1]] + [groups[-1]]
    if width is not None:
        parts[-1] += ".p"
        parts.append(str(width))
    return parts


def data_tile_dir(path: str) -> tuple[str, str] | None:
    """(tile/data directory, log directory) for a log directory or its tile/data, or None."""
    inner = os.path.join(path, "tile", "data")
    if os.path.isdir(inner):
        return inner, path
    norm = os.path.normpath(path)
    parent = os.path.dirname(norm)
    if os.path.basename(norm) == "data" and os.path.basename(parent) == "tile":
        return path, os.path.dirname(parent) or "."
    return None


def _tile_of_file(path: str) -> Tile | None:
    """The tile a single file is, by its path (…/tile/data/x001/067.p/12), or None."""
    parts = os.path.normpath(os.path.abspath(path)).split(os.sep)
    for k in range(len(parts) - 2, -1, -1):
        if parts[k] == "tile" and parts[k + 1] == "data":
            found = tile_number(parts[k + 2 :])
            if found is None:
                return None
            log = os.sep.join(parts[:k]) or os.sep
            return Tile(path, found[0], found[1], os.path.realpath(log))
    return None


def list_tiles(path: str, counts: InputCounts | None = None) -> list[Tile]:
    """The tiles to read under a log directory (or its tile/data, or one tile file), in
    order: per tile number the full tile, or the widest partial one."""
    counts = counts if counts is not None else InputCounts()
    if os.path.isfile(path):
        tile = _tile_of_file(path)
        return [tile] if tile is not None else []
    found = data_tile_dir(path)
    if found is None:
        return []
    data_dir, log_dir = found
    log_real = os.path.realpath(log_dir)
    best: dict[int, Tile] = {}
    for root, dirs, files in os.walk(data_dir):
        dirs.sort()
        rel = os.path.relpath(root, data_dir)
        base = [] if rel == "." else rel.split(os.sep)
        for name in sorted(files):
            parsed = tile_number(base + [name])
            if not os.path.isfile(
                os.path.join(root, name)
            ):  # FIFOs, devices: never read
                counts.special_files += 1
                continue
            if parsed is None:
                counts.files_without_certificates += 1  # not a tile (a README, ...)
                continue
            number, width = parsed
            tile = Tile(os.path.join(root, name), number, width, log_real)
            held = best.get(number)
            if held is None or _wider(tile, held):
                best[number] = tile
    return [best[n] for n in sorted(best)]


def _wider(a: Tile, b: Tile) -> bool:
    return (TILE_WIDTH if a.width is None else a.width) > (
        TILE_WIDTH if b.width is None else b.width
    )


def _read_tile(path: str) -> bytes:
    with open(path, "rb") as f:
        data = f.read(_MAX_TILE_BYTES + 1)
    if data[:2] == b"\x1f\x8b":  # stored as served, gzip-compressed
        try:
            out = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = out.decompress(data, _MAX_TILE_BYTES + 1)
        except (zlib.error, gzip.BadGzipFile) as e:
            raise MalformedEntry(f"bad gzip data ({e})") from None
        if not out.eof and len(data) <= _MAX_TILE_BYTES:
            raise MalformedEntry("bad gzip data (truncated)")
    if len(data) > _MAX_TILE_BYTES:
        raise MalformedEntry("larger than any data tile")
    return data


def iter_tile(
    tile: Tile, path: str | None = None, counts: InputCounts | None = None
) -> Iterator[Item]:
    """Items of one data tile (`path` is opened, default `tile.path`)."""
    counts = counts if counts is not None else InputCounts()
    counts.files += 1
    expected = TILE_WIDTH if tile.width is None else tile.width
    first = tile.number * TILE_WIDTH
    real = tile.log_real_path
    try:
        data = _read_tile(path or tile.path)
    except OSError as e:
        yield Item(tile.path, None, None, f"cannot read: {e.strerror or e}", 0, real)
        return
    except MalformedEntry as e:
        fields = entry_fields(TILES, 0, leaf_index=first, tile=tile.number)
        yield Item(tile.path, first, None, f"data tile: {e}", 0, real, fields)
        return
    position = 0
    for leaf in parse_tile(data):
        index = first + position
        if position >= expected:
            fields = entry_fields(TILES, position, leaf_index=index, tile=tile.number)
            error = f"data tile: more than the {expected} entries its name says"
            yield Item(tile.path, index, None, error, 0, real, fields)
            return
        if isinstance(leaf, MalformedEntry):
            fields = entry_fields(TILES, position, leaf_index=index, tile=tile.number)
            error = f"data tile: {leaf}; the rest of the tile is unreadable"
            yield Item(tile.path, index, None, error, 0, real, fields)
            return
        fields = entry_fields(TILES, position, leaf.entry, index, tile.number)
        if leaf.entry.leaf_index is not None and leaf.entry.leaf_index != index:
            error = (
                f"data tile: the entry's leaf_index extension says "
                f"{leaf.entry.leaf_index}, its place in the tile {index}"
            )
            yield Item(tile.path, index, None, error, 0, real, fields)
        else:
            try:
                der = certificate_of(leaf.entry, leaf.pre_certificate)
                yield Item(tile.path, index, der, None, 0, real, fields)
            except MalformedEntry as e:
                yield Item(tile.path, index, None, f"data tile: {e}", 0, real, fields)
        position += 1
    if position < expected:
        index = first + position
        fields = entry_fields(TILES, position, leaf_index=index, tile=tile.number)
        error = f"data tile: {position} entries, its name says {expected}"
        yield Item(tile.path, index, None, error, 0, real, fields)


# --- Detection and dispatch ------------------------------------------------------------------


def detect(path: str) -> str:
    """The format of an input path, from its name and first bytes."""
    if path == "-":
        return FILES
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return FILES  # the files reader reports it
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        # A FIFO or device: never opened here (it could block, or be eaten).
        return FILES
    if stat.S_ISDIR(mode):
        if data_tile_dir(path) is not None:
            return TILES
        try:
            names = [n for n in os.listdir(path) if not n.startswith((".", "_"))]
        except OSError:
            return FILES
        files = sorted(n for n in names if os.path.isfile(os.path.join(path, n)))
        if files and all(n.endswith(".parquet") for n in files):
            return PARQUET
        if files and all(n.endswith((".json", ".jsonl")) for n in files):
            if detect(os.path.join(path, files[0])) == GET_ENTRIES:
                return GET_ENTRIES
        return FILES
    if _tile_of_file(path) is not None:
        return TILES
    try:
        with open(path, "rb") as f:
            head = f.read(1 << 16)
    except OSError:
        return FILES  # the files reader reports it
    if head[:4] == b"PAR1" or path.endswith(".parquet"):
        return PARQUET
    if head.lstrip()[:1] == b"{" and (b'"leaf_input"' in head or b'"entries"' in head):
        return GET_ENTRIES
    return FILES


def resolve(paths: Iterable[str], input_format: str = AUTO) -> list[tuple[str, str]]:
    """(format, path) for every input path."""
    return [(detect(p) if input_format == AUTO else input_format, p) for p in paths]


def iter_inputs(
    paths: Iterable[str],
    input_format: str = AUTO,
    der_column: str = "der",
    counts: InputCounts | None = None,
    stop: Callable[[], bool] | None = None,
    pauses: bool = False,
    notice: Callable[[str], None] | None = None,
    hand_over: Callable[[int], bool] | None = None,
) -> Iterator:
    """Every item of the paths, in order, whatever their format (`corpus.iter_items` for
    files, with its pauses, stop and notices). With `hand_over`, files come as
    `corpus.iter_sources` gives them (regular files it accepts are not read here; `pauses`
    is implied)."""
    counts = counts if counts is not None else InputCounts()

    def iter_files(group):
        if hand_over is None:
            return iter_items(group, counts, stop=stop, pauses=pauses, notice=notice)
        return iter_sources(group, counts, stop, notice, hand_over)

    if input_format == FILES:
        yield from iter_files(paths)
        return
    group: list[str] = []  # consecutive file inputs: read together (repeats found)
    for fmt, path in resolve(paths, input_format) + [(None, None)]:
        if fmt == FILES:
            group.append(path)
            continue
        if group:
            yield from iter_files(group)
            group = []
        if fmt is None:
            return
        if stop is not None and stop():
            from pkilint_semantic_dn.corpus import Interrupted

            raise Interrupted()
        yield from items_of(fmt, path, der_column, counts)


def items_of(fmt: str, path: str, der_column: str, counts: InputCounts) -> Iterator:
    if fmt == GET_ENTRIES:
        if os.path.isdir(path):
            names = _json_files(path)
            if not names:
                yield Item(path, None, None, "no log entry found", 0, None)
            for name in names:
                yield from iter_get_entries(name, counts=counts)
        else:
            yield from iter_get_entries(path, counts=counts)
    elif fmt == TILES:
        tiles = list_tiles(path, counts)
        if not tiles:
            yield Item(path, None, None, "no data tile found", 0, None)
        for tile in tiles:
            yield from iter_tile(tile, counts=counts)
    elif fmt == PARQUET:
        from pkilint_semantic_dn import parquet_io

        yield from parquet_io.iter_items(path, der_column, counts)
    else:
        raise ValueError(f"unknown input format {fmt!r}")


def _json_files(path: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        out += [
            os.path.join(root, n)
            for n in sorted(files)
            if n.endswith((".json", ".jsonl")) and os.path.isfile(os.path.join(root, n))
        ]
    return out


def count(paths: Iterable[str], input_format: str = AUTO) -> int | None:
    """About how many entries the CT and Parquet inputs hold (None if files are among
    them: `corpus.count_certificates` counts those)."""
    total = 0
    for fmt, path in resolve(paths, input_format):
        if fmt == FILES:
            return None
        if fmt == TILES:
            total += sum(
                TILE_WIDTH if t.width is None else t.width for t in list_tiles(path)
            )
        elif fmt == PARQUET:
            from pkilint_semantic_dn import parquet_io

            total += parquet_io.count_rows(path)
        else:
            return None
    return total


def count_total(paths: list[str], input_format: str = AUTO) -> int | None:
    """The progress bar's total: certificates in files, entries in tiles, rows in Parquet."""
    from pkilint_semantic_dn.corpus import count_certificates

    resolved = resolve(paths, input_format)
    if all(fmt == FILES for fmt, _ in resolved):
        return count_certificates(paths)
    total = 0
    for fmt, path in resolved:
        found = count_certificates([path]) if fmt == FILES else count([path], fmt)
        if found is None:
            return None
        total += found
    return total


def check_arguments(args) -> str | None:
    """What is wrong with scan's CT/Parquet/Dask options (a usage error), or None."""
    input_format = getattr(args, "input_format", AUTO)
    scheduler = getattr(args, "scheduler", None)
    out_format = getattr(args, "format", "jsonl")
    parquet_in = input_format == PARQUET or (
        input_format == AUTO
        and any(detect(p) == PARQUET for p in args.paths if p != "-")
    )
    if parquet_in or out_format == "parquet":
        from pkilint_semantic_dn import parquet_io

        try:
            parquet_io.require()
        except parquet_io.MissingExtra as e:
            return str(e)
    if input_format not in (AUTO, FILES) and "-" in args.paths:
        return f"standard input ('-') can only be read as --input-format {FILES}"
    if scheduler:
        return None  # distributed.py checks its own
    if out_format == "parquet":
        if not args.output:
            return "--format parquet needs --output FILE"
        if args.resume:
            return (
                "--resume cannot continue a Parquet file (Parquet files are not "
                "appended to): use --scheduler, whose output is a directory of "
                "partitions that --resume continues, or --format jsonl"
            )
    return None
