"""Makes scan inputs in the CT and Parquet forms from ordinary certificates, for tests and
benchmarks: RFC 6962 get-entries responses, a static-ct-api tile directory (full tiles, a
partial tile, a partial tile superseded by its full tile, gzip-compressed tiles) and a
Parquet dataset, all holding the same log: x509 entries for the given certificates and
precertificate entries built from some of them (same subject, a CT poison extension, signed
by the test CA of tools/certs.py). With `malformed`, damaged entries are added to the
get-entries files and one tile ends in a truncated entry.

    python tools/make_ct_inputs.py OUT_DIR [CERTIFICATE PATHS...]

The encoders are written from RFC 6962 sections 3.1-3.4 and 4.6 and c2sp.org/static-ct-api.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import NamedTuple, Sequence

TILE_WIDTH = 256
_BASE_TIME = 1_735_689_600_000  # 2025-01-01T00:00:00Z in ms


def _u(n: int, size: int) -> bytes:
    return n.to_bytes(size, "big")


def _vec(data: bytes, size: int) -> bytes:
    return _u(len(data), size) + data


class LogEntry(NamedTuple):
    timestamp: int
    certificate: bytes  # x509: the certificate; precert: the submitted precertificate
    tbs: bytes | None = None  # precert: the TBSCertificate of the leaf
    issuer_key_hash: bytes | None = None  # precert
    chain: tuple[bytes, ...] = ()

    @property
    def precert(self) -> bool:
        return self.tbs is not None


def leaf_index_extension(index: int) -> bytes:
    return _vec(b"\x00" + _vec(_u(index, 5), 2), 2)


def timestamped_entry(e: LogEntry, extensions: bytes) -> bytes:
    if e.precert:
        body = _u(1, 2) + e.issuer_key_hash + _vec(e.tbs, 3)
    else:
        body = _u(0, 2) + _vec(e.certificate, 3)
    return _u(e.timestamp, 8) + body + extensions


def merkle_tree_leaf(e: LogEntry, extensions: bytes = b"\x00\x00") -> bytes:
    return b"\x00\x00" + timestamped_entry(e, extensions)


def extra_data(e: LogEntry) -> bytes:
    chain = _vec(b"".join(_vec(c, 3) for c in e.chain), 3)
    return (_vec(e.certificate, 3) + chain) if e.precert else chain


def tile_leaf(e: LogEntry, index: int) -> bytes:
    out = timestamped_entry(e, leaf_index_extension(index))
    if e.precert:
        out += _vec(e.certificate, 3)
    fingerprints = b"".join(hashlib.sha256(c).digest() for c in e.chain)
    return out + _vec(fingerprints, 2)


def tile_parts(number: int, width: int | None = None) -> list[str]:
    text = str(number)
    text = "0" * (-len(text) % 3) + text
    groups = [text[i : i + 3] for i in range(0, len(text), 3)]
    parts = ["x" + g for g in groups[:-1]] + [groups[-1]]
    if width is not None:
        parts[-1] += ".p"
        parts.append(str(width))
    return parts


# --- Precertificates ------------------------------------------------------------------------


def make_precert(der: bytes, serial: int) -> tuple[bytes, bytes, bytes] | None:
    """(precertificate, TBSCertificate without the poison, issuer key hash) with the
    subject of `der`, or None if cryptography cannot read or rebuild it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    import certs

    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            subject = x509.load_der_x509_certificate(der).subject
            subject.rfc4514_string()
    except Exception:
        return None

    def build(poison: bool):
        b = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(certs._ISSUER)
            .public_key(certs._EE_KEY.public_key())
            .serial_number(serial)
            .not_valid_before(certs._NOT_BEFORE)
            .not_valid_after(certs._NOT_BEFORE + datetime.timedelta(days=90))
        )
        if poison:
            b = b.add_extension(x509.PrecertPoison(), critical=True)
        return b.sign(certs._CA_KEY, hashes.SHA256())

    try:
        pre = build(True)
        tbs = build(False).tbs_certificate_bytes
    except Exception:
        return None
    spki = certs._CA_KEY.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return (
        pre.public_bytes(serialization.Encoding.DER),
        tbs,
        hashlib.sha256(spki).digest(),
    )


def issuer_der() -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    import certs

    key = certs._CA_KEY
    cert = (
        x509.CertificateBuilder()
        .subject_name(certs._ISSUER)
        .issuer_name(certs._ISSUER)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(certs._NOT_BEFORE)
        .not_valid_after(certs._NOT_BEFORE + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.DER)


def log_entries(ders: Sequence[bytes], precert_every: int = 5) -> list[LogEntry]:
    """An x509 entry per certificate and, after every `precert_every`-th, a precertificate
    entry with its subject."""
    ca = issuer_der()
    out: list[LogEntry] = []
    for k, der in enumerate(ders):
        out.append(LogEntry(_BASE_TIME + len(out), der, chain=(ca,)))
        if precert_every and k % precert_every == 0:
            made = make_precert(der, 0x1000 + k)
            if made is not None:
                pre, tbs, ikh = made
                out.append(LogEntry(_BASE_TIME + len(out), pre, tbs, ikh, (ca,)))
    return out


# --- Writers ---------------------------------------------------------------------------------


def write_get_entries(
    entries: Sequence[LogEntry], out: Path, per_file: int = 500, malformed: bool = False
) -> list[Path]:
    """get-entries responses named get-entries-<start>-<end>.json (the range requested)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(entries), per_file):
        chunk = entries[start : start + per_file]
        items = [
            {
                "leaf_input": base64.b64encode(merkle_tree_leaf(e)).decode(),
                "extra_data": base64.b64encode(extra_data(e)).decode(),
            }
            for e in chunk
        ]
        path = out / f"get-entries-{start}-{start + len(chunk) - 1}.json"
        path.write_text(json.dumps({"entries": items}), encoding="ascii")
        paths.append(path)
    if malformed:
        good = merkle_tree_leaf(entries[0])
        pre = next((e for e in entries if e.precert), entries[0])
        bad = [
            {"leaf_input": "not base64!", "extra_data": ""},
            {"leaf_input": base64.b64encode(good[:40]).decode(), "extra_data": ""},
            {"leaf_input": base64.b64encode(merkle_tree_leaf(pre)).decode()},
            {
                "leaf_input": base64.b64encode(
                    good[:10] + b"\x00\x07" + good[12:]
                ).decode(),
                "extra_data": "",
            },
            "not an object",
            {
                "leaf_input": base64.b64encode(merkle_tree_leaf(entries[1])).decode(),
                "extra_data": base64.b64encode(extra_data(entries[1])).decode(),
            },
        ]
        path = out / "malformed.json"
        path.write_text(json.dumps({"entries": bad}), encoding="ascii")
        paths.append(path)
    return paths


def write_tiles(
    entries: Sequence[LogEntry], out: Path, malformed: bool = False
) -> list[Path]:
    """A log directory out/ with out/tile/data/...: full tiles (every other one gzipped),
    the last one partial; tile 0 also as a superseded partial tile of 100 entries. With
    `malformed`, one more partial tile whose last entry is cut short."""
    data = out / "tile" / "data"
    paths = []

    def put(number: int, width: int | None, body: bytes, zipped: bool = False) -> None:
        path = data.joinpath(*tile_parts(number, width))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(body, mtime=0) if zipped else body)
        paths.append(path)

    leaves = [tile_leaf(e, i) for i, e in enumerate(entries)]
    tiles = (len(leaves) + TILE_WIDTH - 1) // TILE_WIDTH
    for n in range(tiles):
        part = leaves[n * TILE_WIDTH : (n + 1) * TILE_WIDTH]
        width = None if len(part) == TILE_WIDTH else len(part)
        put(n, width, b"".join(part), zipped=n % 2 == 1)
    if tiles and len(leaves) >= TILE_WIDTH:
        put(0, 100, b"".join(leaves[:100]))  # superseded by the full tile 0
    if malformed:
        n = tiles if len(leaves) % TILE_WIDTH == 0 else tiles + 1
        extra = [tile_leaf(e, n * TILE_WIDTH + i) for i, e in enumerate(entries[:3])]
        put(n, 3, b"".join(extra)[:-20])
    return paths


def write_parquet(
    ders: Sequence[bytes | None], out: Path, files: int = 2, row_group: int = 300
) -> list[Path]:
    """A dataset directory of `files` Parquet files with a `der` column (and `n`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    per = (len(ders) + files - 1) // files
    paths = []
    for f in range(files):
        part = list(ders[f * per : (f + 1) * per])
        table = pa.table(
            {
                "n": pa.array(range(f * per, f * per + len(part)), pa.int64()),
                "der": pa.array(part, pa.binary()),
            }
        )
        path = out / f"part-{f:03d}.parquet"
        pq.write_table(table, path, row_group_size=row_group)
        paths.append(path)
    return paths


def corpus_ders(paths: Sequence[str], limit: int | None = None) -> list[bytes]:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from pkilint_semantic_dn.corpus import iter_items

    out = []
    for item in iter_items(paths):
        if item.der is not None:
            out.append(item.der)
            if limit and len(out) >= limit:
                break
    return out


def build_all(
    out: Path, ders: Sequence[bytes], precert_every: int = 5, malformed: bool = True
) -> dict:
    """Every form of the same log under `out`: get-entries/, log/ (tiles), parquet/."""
    entries = log_entries(ders, precert_every)
    certificates = [e.certificate for e in entries]
    if malformed:
        certificates = certificates + [None, b"\x30\x03\x02\x01\x00"]
    return {
        "entries": len(entries),
        "get-entries": write_get_entries(
            entries, out / "get-entries", malformed=malformed
        ),
        "tiles": write_tiles(entries, out / "log", malformed=malformed),
        "parquet": write_parquet(certificates, out / "parquet"),
    }


def main(argv: Sequence[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    sources = list(argv[1:]) or [
        os.environ.get(
            "SEMANTIC_DN_CORPORA",
            str(Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"),
        )
    ]
    made = build_all(out, corpus_ders(sources))
    print(f"{made['entries']} log entries under {out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main(sys.argv[1:]))
